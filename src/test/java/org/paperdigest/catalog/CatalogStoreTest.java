package org.paperdigest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.config.Config;
import org.paperdigest.testing.CatalogFiles;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/** The catalog in the database, on SQLite and PostgreSQL: seeded once, synced by id, edited without a restart. */
class CatalogStoreTest {
    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-30T09:00:00Z");

    private TestEnv env(String db) {
        return db.equals("sqlite") ? TestEnv.sqliteIn(dir) : TestEnv.postgresIn(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_empty_database_is_seeded_from_the_bundled_catalog_once(String db) {
        TestEnv env = env(db);
        try (App app = new App(Config.from(env.env()), clock)) {
            Catalog catalog = app.catalog();
            assertThat(catalog.title()).isEqualTo("Best of 2019: machine learning papers");
            assertThat(catalog.published()).hasSize(10).allMatch(p -> p.source().equals("bundled"));
            app.catalogStore().save(catalog.paper("crd").orElseThrow().withStatus(PaperStatus.REJECTED, clock.instant()));
        }
        try (App again = new App(Config.from(env.env()), clock)) {
            assertThat(again.catalog().published()).hasSize(9);
            assertThat(again.catalog().paper("crd").orElseThrow().status()).isEqualTo(PaperStatus.REJECTED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_catalog_file_is_synced_by_id_on_every_start_keeping_when_papers_entered(String db) {
        TestEnv env = env(db).set("DIGEST_CATALOG", CatalogFiles.bundledWith(dir, papers -> { }).toString());
        try (App app = new App(Config.from(env.env()), clock)) {
            assertThat(app.catalog().papers()).hasSize(10);
        }
        CatalogFiles.bundledWith(dir, papers -> {
            ((ObjectNode) papers.get(0)).put("summary", "A new summary.");
            ObjectNode added = papers.addObject();
            added.setAll((ObjectNode) papers.get(1).deepCopy());
            added.put("id", "a-new-one").put("rank", 11).put("title", "A New One").put("arxiv_url", "https://arxiv.org/abs/2411.00001");
        });
        clock.advance(Duration.ofDays(1));
        try (App app = new App(Config.from(env.env()), clock)) {
            Catalog catalog = app.catalog();
            assertThat(catalog.papers()).hasSize(11);
            assertThat(catalog.paper("crd").orElseThrow().summary()).isEqualTo("A new summary.");
            assertThat(catalog.paper("crd").orElseThrow().addedAt()).isEqualTo(java.time.Instant.parse("2019-01-01T00:00:00Z"));
            assertThat(catalog.newestFirst().get(0).id()).isIn(List.of("crd", "tas-network-pruning", "a-new-one"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_running_instance_sees_a_published_paper_without_a_restart(String db) {
        TestEnv env = env(db);
        try (App running = new App(Config.from(env.env()), clock); App editor = new App(Config.from(env.env()), clock)) {
            assertThat(running.catalog().published()).hasSize(10);
            Paper p = new Paper("fresh", "Fresh Paper", List.of("Ann"), 2026, "arXiv", java.net.URI.create("https://arxiv.org/abs/2411.00002"),
                    null, List.of("nlp"), null, null, 11, "An abstract.", null, null, "arxiv", PaperStatus.DRAFT, clock.instant(), null);
            editor.catalogStore().add(p);
            editor.catalogStore().save(p.withStatus(PaperStatus.PUBLISHED, clock.instant()));
            clock.advance(Duration.ofSeconds(6));

            assertThat(running.catalog().published()).hasSize(11);
            assertThat(running.catalog().newestFirst().get(0).id()).isEqualTo("fresh");
        }
    }
}
