package org.paperdigest.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.config.Config;
import org.paperdigest.config.Env;
import org.paperdigest.delivery.DigestComposer;
import org.paperdigest.render.DigestRenderer;
import org.paperdigest.subscribers.LinkSigner;

/** The real catalog, templates and composer, as a send uses them, for the micro-benchmarks. */
final class DigestFixture {
    static final Instant ISSUE_DATE = Instant.parse("2026-11-30T09:00:00Z");
    static final List<List<String>> PICKS = List.of(
            List.of("crd", "tas-network-pruning", "autoaugment-detection"),
            List.of("xlnet", "transformer-xl", "crd"),
            List.of("struct2depth", "dain", "openpose"));

    final Config config;
    final DigestComposer composer;

    DigestFixture() {
        config = Config.from(Env.of(Map.of(
                "DIGEST_SECRET", "bench-secret-0123456789-abcdefghijklmnop",
                "DIGEST_BASE_URL", "https://digest.example.org",
                "DIGEST_FROM", "Paper Digest <digest@example.org>")));
        Catalog catalog = new CatalogLoader().loadBundled();
        DigestRenderer renderer = new DigestRenderer(Path.of("templates"));
        composer = new DigestComposer(catalog, renderer, config.digest(), new LinkSigner("bench-secret", Clock.systemUTC()));
    }

    /** Reader number {@code i}: a different address, name, token and (of three) topic profile each. */
    static DigestComposer.Reader reader(long i) {
        List<String> topics = i % 3 == 0 ? List.of() : i % 3 == 1 ? List.of("nlp") : List.of("vision", "video");
        return new DigestComposer.Reader(i, "user" + i + "@example.org", i % 4 == 0 ? null : "Reader " + i, topics);
    }
}
