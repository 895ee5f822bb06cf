package com.personifi.streams.reference;

/** What a user's own corrections taught: this merchant belongs in this category, said this many times. */
public record LearnedCategory(String category, int corrections) {

    /** 70 after one correction, 80 after two, 90 from three on. */
    public int confidence() {
        return Math.min(90, 60 + 10 * corrections);
    }
}
