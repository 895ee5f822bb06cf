package com.personifi.streams.categorize;

import com.personifi.schemas.events.CategorySource;

/** Which category a transaction got, who decided and how sure it is (0..100). */
public record Categorization(String category, CategorySource source, int confidence) {

    public static final String UNCATEGORIZED = "uncategorized";

    public static Categorization none() {
        return new Categorization(UNCATEGORIZED, CategorySource.NONE, 0);
    }
}
