package dev.muxless.notebook;

import java.util.List;

/**
 * Completion candidates for the text before a cursor: each candidate replaces the input from {@code
 * anchor} to the cursor.
 */
public record Completion(int anchor, List<String> candidates) {}
