package org.paperdigest.config;

/** The web endpoints served by {@code run}. */
public record HttpConfig(int port) {}
