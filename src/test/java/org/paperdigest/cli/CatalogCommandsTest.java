package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FixtureServer;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/** Growing the catalog from the command line, against a local server standing in for arXiv, Crossref and feeds. */
class CatalogCommandsTest {
    @TempDir
    Path dir;

    private final FixtureServer remote = new FixtureServer()
            .resource("/arxiv/api/query", "catalog-import/arxiv-answer.xml", "application/atom+xml")
            .resource("/crossref/works/10.5555/orchard.2026.17", "catalog-import/crossref-answer.json", "application/json");
    private final TestClock clock = TestClock.at("2026-11-30T09:00:00Z");
    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir)
                .set("DIGEST_ARXIV_API_URL", remote.url("/arxiv/api/query"))
                .set("DIGEST_CROSSREF_API_URL", remote.url("/crossref"))
                .set("DIGEST_SOURCES_TIMEOUT", "2s");
    }

    @AfterEach
    void tearDown() {
        remote.close();
    }

    @Test
    void catalog_add_fetches_arxiv_metadata_maps_categories_to_topics_and_adds_a_draft() {
        CliRun add = run("catalog", "add", "https://arxiv.org/abs/2411.01234v2", "--tags", "long-context");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("catalog add: added 1, updated 0, skipped 0, rejected 0.",
                "New paper: sparse-lanterns-cheap-attention-for-long-2026");
        assertThat(remote.requests()).containsExactly("/arxiv/api/query?id_list=2411.01234&max_results=1");
        String exported = run("catalog", "export").out();
        assertThat(exported).contains("\"title\" : \"Sparse Lanterns: Cheap Attention for Long Documents\"",
                "\"Iris Quill\",", "\"Tomas Reed\"",
                "\"arxiv_url\" : \"https://arxiv.org/abs/2411.01234\"",
                "\"code_url\" : \"https://github.com/example/sparse-lanterns\"",

                "\"published\" : \"2026-11-02\"", "\"source\" : \"arxiv\"", "\"status\" : \"draft\"",
                "\"added_at\" : \"2026-11-30T09:00:00Z\"", "\"published_at\" : null", "\"summary\" : null")
                .containsPattern("\"tags\" : \\[\\s+\"nlp\",\\s+\"machine-learning\",\\s+\"long-context\"\\s+\\]");
        assertThat(run("catalog", "drafts").out()).contains("sparse-lanterns-cheap-attention-for-long-2026", "1 drafts.");
    }

    @Test
    void catalog_add_doi_reads_crossref_and_an_unknown_doi_is_rejected_by_name() {
        CliRun add = run("catalog", "add", "--doi", "https://doi.org/10.5555/orchard.2026.17", "--doi", "10.5555/missing.1",
                "--publish");

        assertThat(add.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(add.out()).contains("added 1, updated 0, skipped 0, rejected 1");
        assertThat(add.err()).contains("rejected: DOI 10.5555/missing.1: not found at Crossref");
        assertThat(run("catalog", "export").out()).contains("\"title\" : \"Counting Apples with Few Labels\"",
                "\"venue\" : \"Journal of Orchard Vision\"", "\"doi\" : \"10.5555/orchard.2026.17\"", "\"status\" : \"published\"",
                "\"abstract\" : \"We count fruit in orchard photographs");
    }

    @Test
    void each_import_format_adds_its_papers_and_rejects_its_bad_entry_naming_it() {
        CliRun bib = run("catalog", "import", fixture("papers.bib").toString());
        CliRun csl = run("catalog", "import", fixture("papers.csl.json").toString());
        CliRun rss = run("catalog", "import", fixture("listing.xml").toString());
        CliRun json = run("catalog", "import", fixture("catalog.json").toString());

        assertThat(bib.out()).contains("(bibtex): added 2, updated 0, skipped 0, rejected 1.");
        assertThat(bib.err()).contains("papers.bib: entry 3 (key untitled2026): no title");
        assertThat(csl.out()).contains("(csl-json): added 2, updated 0, skipped 0, rejected 1.");
        assertThat(csl.err()).contains("papers.csl.json: item 2 (id empty): no title");
        assertThat(rss.out()).contains("(rss/atom): added 1, updated 0, skipped 1, rejected 1.");
        assertThat(rss.err()).contains("listing.xml: item 3 (https://arxiv.org/abs/2411.09999): no title",
                "\"Sparse Lanterns: Cheap Attention for Long Documents\": already in the catalog as \"sparse-lanterns-cheap-attention-for-long-2026\"");
        assertThat(json.out()).contains("(catalog-json): added 1, updated 0, skipped 0, rejected 1.");
        assertThat(json.err()).contains("catalog.json: entry 1 (id \"BAD ID\"): field \"id\" must be lower-case letters");
        assertThat(bib.exitCode()).isEqualTo(Main.BAD_INPUT);
        String exported = run("catalog", "export").out();
        assertThat(exported).contains("\"title\" : \"Tidal Models of Café Queues\"", "\"Alba Moss\"",
                "\"title\" : \"Grammar of Birdsong, Revisited\"", "\"Lena Wren\",", "\"Paul Finch\"",
                "\"abstract\" : \"Birds reuse phrases; we find a grammar.\"", "\"id\" : \"ropes-2026\"");
    }

    @Test
    void the_same_paper_from_a_feed_a_bib_file_and_catalog_add_enters_the_catalog_once() {
        assertThat(run("catalog", "import", fixture("listing.xml").toString()).out()).contains("added 2");
        CliRun bib = run("catalog", "import", fixture("papers.bib").toString());
        CliRun add = run("catalog", "add", "2411.01234");
        CliRun csl = run("catalog", "import", fixture("papers.csl.json").toString());
        CliRun doi = run("catalog", "add", "--doi", "10.5555/ORCHARD.2026.17");

        assertThat(bib.out()).contains("added 1, updated 0, skipped 1, rejected 1");
        assertThat(add.out()).as("exit " + add.exitCode() + ", err: " + add.err()).contains("added 0, updated 0, skipped 1, rejected 0");
        assertThat(add.err()).contains("skipped: \"Sparse Lanterns: Cheap Attention for Long Documents\": already in the catalog as \"sparse-lanterns-cheap-attention-for-long-2026\"");
        assertThat(csl.out()).contains("added 2");
        assertThat(doi.out()).contains("added 0, updated 0, skipped 1, rejected 0");
        assertThat(run("catalog", "export").out()).containsOnlyOnce("Sparse Lanterns").containsOnlyOnce("Counting Apples");
    }

    @Test
    void a_dry_run_reports_what_an_import_would_do_and_changes_nothing() {
        String before = run("catalog", "export").out();

        CliRun dry = run("catalog", "import", "--dry-run", fixture("papers.bib").toString());

        assertThat(dry.out()).contains("added 2, updated 0, skipped 0, rejected 1 (dry run: nothing was changed).");
        assertThat(run("catalog", "export").out()).isEqualTo(before);
    }

    @Test
    void drafts_are_published_rejected_and_edited_by_id() {
        run("catalog", "import", fixture("papers.bib").toString());
        String id = "tidal-models-of-cafe-queues-2026";

        assertThat(run("catalog", "edit", id, "--summary", "Queues, as tides.", "--why", "Coffee.", "--tags", "queues").out())
                .contains(id + ": saved.");
        assertThat(run("catalog", "publish", id).out()).contains(id + ": published.");
        CliRun reject = run("catalog", "reject", "sparse-lanterns-cheap-attention-for-long-2026", "no-such-paper");

        assertThat(reject.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(reject.err()).contains("no paper with id \"no-such-paper\"");
        String list = run("catalog", "list").out();
        assertThat(list).containsPattern(id + "\\s+published").containsPattern("sparse-lanterns-cheap-attention-for-long-2026\\s+rejected");
        assertThat(run("catalog", "export").out()).contains("\"summary\" : \"Queues, as tides.\"", "\"why_it_matters\" : \"Coffee.\"",
                "\"published_at\" : \"2026-11-30T09:00:00Z\"");
        assertThat(run("catalog", "drafts").out()).isEqualTo("No drafts waiting.\n");
    }

    @Test
    void export_then_import_into_a_new_database_gives_the_same_catalog_byte_for_byte() throws IOException {
        run("catalog", "import", fixture("papers.bib").toString());
        run("catalog", "add", "--doi", "10.5555/orchard.2026.17", "--publish");
        Path file = dir.resolve("export.json");
        assertThat(run("catalog", "export", file.toString()).exitCode()).isZero();

        Path other = Files.createDirectories(dir.resolve("other"));
        TestEnv fresh = TestEnv.sqliteIn(other);
        clock.advance(Duration.ofDays(3));
        CliRun imported = CliRun.run(fresh, clock, "catalog", "import", file.toString());

        assertThat(imported.out()).contains("added 3, updated 0, skipped 10, rejected 0");
        assertThat(CliRun.run(fresh, clock, "catalog", "export").out()).isEqualTo(Files.readString(file));
    }

    @Test
    void status_counts_papers_and_says_how_long_the_runway_is() {
        run("catalog", "import", "--publish", fixture("papers.bib").toString());
        run("catalog", "import", fixture("papers.csl.json").toString());
        run("subscribers", "add", "ada@example.org", "--topics", "nlp", "--confirmed");

        String status = run("catalog", "status").out();

        assertThat(status).contains("Catalog: 12 published, 2 drafts, 0 rejected; 4 added in the last 7 days.",
                "Next issue: 1 of 1 active readers get papers; 0 would be skipped, 0 would get fewer than 3.");
        assertThat(status).containsPattern("nlp\\s+1");
    }

    @Test
    void refresh_fetches_each_source_once_and_says_new_unchanged_or_failed_and_why() {
        byte[] huge = new byte[6 * 1024 * 1024];
        remote.feedWithEtag("/feeds/cs.CL", "catalog-import/listing.xml", "\"v1\"")
                .route("/feeds/broken", ex -> FixtureServer.send(ex, 500, "text/plain", "oops".getBytes()))
                .route("/feeds/slow", ex -> {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    FixtureServer.send(ex, 200, "application/rss+xml", FixtureServer.read("catalog-import/listing.xml"));
                })
                .route("/feeds/garbled", ex -> FixtureServer.send(ex, 200, "application/rss+xml", "<rss><channel><item>".getBytes()))
                .route("/feeds/huge", ex -> FixtureServer.send(ex, 200, "application/rss+xml", huge));
        env.set("DIGEST_SOURCES", String.join(",", remote.url("/feeds/cs.CL"), remote.url("/feeds/broken"),
                remote.url("/feeds/slow"), remote.url("/feeds/garbled"), remote.url("/feeds/huge")));

        CliRun first = run("catalog", "refresh");
        CliRun second = run("catalog", "refresh");

        assertThat(first.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(first.out()).contains(remote.url("/feeds/cs.CL") + ": 2 new (drafts), 0 already known, 1 unusable",
                remote.url("/feeds/broken") + ": failed: HTTP 500",
                remote.url("/feeds/slow") + ": failed: timed out after 2 s",
                remote.url("/feeds/garbled") + ": failed: " + remote.url("/feeds/garbled") + ": not an RSS or Atom feed",
                remote.url("/feeds/huge") + ": failed: larger than 5 MB");
        assertThat(second.out()).contains(remote.url("/feeds/cs.CL") + ": unchanged (304 Not Modified)");
        assertThat(run("catalog", "drafts").out()).contains("2 drafts.");
    }

    private CliRun run(String... args) {
        return CliRun.run(env, clock, args);
    }

    private Path fixture(String name) {
        Path file = dir.resolve(name);
        try {
            Files.write(file, FixtureServer.read("catalog-import/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
