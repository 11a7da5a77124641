package org.paperdigest.subscribers.csv;

/** A data row that cannot be read as fields (bytes that do not decode, wrong field count, an unclosed quote). */
public record BadRow(long line, String reason) implements CsvLine {}
