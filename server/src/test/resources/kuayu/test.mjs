export var kuayuTest = "module";
