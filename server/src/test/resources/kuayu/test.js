// test bundle
var kuayuTest = "served";
