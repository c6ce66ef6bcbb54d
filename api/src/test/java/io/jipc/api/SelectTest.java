package io.jipc.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectTest {
    @Test
    void kindsAndMatching() {
        assertSame(Select.any(), Select.parse("any"));
        assertEquals(Select.tag(5), Select.parse("tag:5"));
        assertEquals(Select.upTo(300), Select.parse("upto:300"));
        assertEquals(Select.not(2), Select.parse("NOT:2"));
        assertTrue(Select.upTo(300).matches(100));
        assertFalse(Select.upTo(300).matches(400));
        assertTrue(Select.not(2).matches(3));
        assertFalse(Select.tag(5).matches(4));
        assertEquals("upto:300", Select.upTo(300).toString());
    }

    @Test
    void nonPositiveTagsAndBadSpellingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Select.tag(0));
        assertThrows(IllegalArgumentException.class, () -> Select.upTo(-300));
        assertThrows(IllegalArgumentException.class, () -> Select.not(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Select.parse("first"));
        assertTrue(e.getMessage().contains("any, tag:T, upto:T or not:T"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Select.parse("tag:x"));
        assertThrows(IllegalArgumentException.class, () -> Select.parse("maybe:1"));
    }
}
