package org.kuayu.iframe.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Several frames in one window.name: {@link NamedFrames#batch} and {@link NamedFrames#unbatch}. */
class NamedFramesBatchTest {

    @Test
    void framesOfAnyContentComeBackAsTheyWent() {
        List<String> frames = List.of("kuayu1|MSG|c|0|{\"a\":\"|,1|\"}", "", "kuayu1|SAK||3|abc|0|",
                "kuayu-batch|2|xx", "\u4f60\u597d \ud83d\ude00");
        String name = NamedFrames.batch(frames);
        assertEquals("kuayu-batch|", name.substring(0, 12));
        assertEquals(frames, NamedFrames.unbatch(name));
    }

    @Test
    void aSingleFrameIsItself() {
        assertEquals(List.of("kuayu1|MSG|c|0|1"), NamedFrames.unbatch("kuayu1|MSG|c|0|1"));
    }

    @Test
    void aBatchThatDoesNotAddUpIsRefusedWhole() {
        for (String forged : List.of("kuayu-batch|", "kuayu-batch|3", "kuayu-batch|3|ab", "kuayu-batch|1|ab",
                "kuayu-batch|1,|a", "kuayu-batch|,1|a", "kuayu-batch|x|a", "kuayu-batch|-1|a",
                "kuayu-batch|99999999999999999999|a", "kuayu-batch|2,2|abc")) {
            assertNull(NamedFrames.unbatch(forged), forged);
        }
    }
}
