package org.paperdigest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogImport;
import org.paperdigest.catalog.CatalogImportReport;
import org.paperdigest.catalog.CatalogStore;
import org.paperdigest.catalog.CatalogWriter;
import org.paperdigest.catalog.EntryFormat;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.Paper;
import org.paperdigest.catalog.PaperStatus;
import org.paperdigest.catalog.SourceRefresh;
import org.paperdigest.config.BadInputException;
import org.paperdigest.delivery.Runway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code catalog} subcommands that change the catalog in the database, or report on it. */
final class CatalogEditing {
    private CatalogEditing() {}

    /** Prints an import report like {@code subscribers import}; exit 2 when an entry was rejected. */
    private static int report(CommandSpec spec, String what, CatalogImportReport r, boolean dryRun) {
        PrintWriter err = spec.commandLine().getErr();
        r.problems().forEach(p -> err.println("rejected: " + p));
        r.notes().forEach(n -> err.println("skipped: " + n));
        PrintWriter out = spec.commandLine().getOut();
        out.println(what + ": " + r.summary() + (dryRun ? " (dry run: nothing was changed)." : "."));
        if (!r.addedIds().isEmpty() && !dryRun) {
            out.println((r.addedIds().size() == 1 ? "New paper: " : "New papers: ") + String.join(", ", r.addedIds()));
        }
        return r.rejected() > 0 ? Main.BAD_INPUT : Main.OK;
    }

    private static List<String> tags(String csv) {
        List<String> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String t : csv.split(",")) {
            String tag = t.strip().toLowerCase(Locale.ROOT);
            if (!tag.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new BadInputException("--tags: \"" + t + "\" is not a topic (lower-case letters, digits and dashes)");
            }
            out.add(tag);
        }
        return out;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds papers by arXiv id or URL (from the arXiv API), or by DOI with --doi (from Crossref).",
                    "They arrive as drafts unless --publish; arXiv categories become topics (see README), --tags adds more."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARXIV_ID|URL", arity = "0..*", description = "arXiv ids (1906.08237) or arxiv.org URLs.")
        List<String> ids = new ArrayList<>();

        @Option(names = "--doi", paramLabel = "DOI", description = "A DOI to look up at Crossref (repeatable).")
        List<String> dois = new ArrayList<>();

        @Option(names = "--tags", paramLabel = "a,b", description = "Topics to give the new papers.")
        String tags;

        @Option(names = "--publish", description = "Publish at once instead of adding drafts.")
        boolean publish;

        @Override
        public Integer call() {
            if (ids.isEmpty() && dois.isEmpty()) {
                throw new BadInputException("catalog add needs an arXiv id or URL, or --doi DOI");
            }
            try (App app = parent.main.app(Map.of())) {
                List<ImportEntry> entries = new ArrayList<>();
                if (!ids.isEmpty()) {
                    entries.addAll(app.arxiv().lookup(ids));
                }
                if (!dois.isEmpty()) {
                    entries.addAll(app.crossref().lookup(dois));
                }
                CatalogImportReport r = app.catalogImport().run(entries, new CatalogImport.Options(publish, tags(tags), false));
                return report(spec, "catalog add", r, false);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports papers from our catalog JSON, BibTeX (.bib), CSL-JSON (Zotero, Mendeley) or RSS/Atom (.xml, .rss, .atom).",
                    "Each entry is added, updated (our JSON, same id), skipped (already there: same arXiv id, DOI or title) or rejected.",
                    "Found papers arrive as drafts unless --publish. Exit status 2 if any entry was rejected."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--dry-run", description = "Report what would happen; change nothing.")
        boolean dryRun;

        @Option(names = "--publish", description = "Publish found papers at once instead of adding drafts.")
        boolean publish;

        @Option(names = "--tags", paramLabel = "a,b", description = "Topics to give every found paper.")
        String tags;

        @Override
        public Integer call() {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException(file + ": no such file");
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
            }
            try (App app = parent.main.app(Map.of())) {
                EntryFormat format = app.importFormats().forFile(file.getFileName().toString(), content).orElseThrow(() ->
                        new BadInputException(file + ": unknown format; catalog import reads " + app.importFormats().names()));
                List<ImportEntry> entries = format.read(content, file.toString());
                CatalogImportReport r = app.catalogImport().run(entries, new CatalogImport.Options(publish, tags(tags), dryRun));
                return report(spec, file + " (" + format.name() + ")", r, dryRun);
            }
        }
    }

    @Command(name = "drafts", mixinStandardHelpOptions = true, description = "Lists the drafts waiting for review, newest first.")
    static final class Drafts implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                List<Paper> drafts = app.catalogStore().withStatus(PaperStatus.DRAFT);
                PrintWriter out = spec.commandLine().getOut();
                if (drafts.isEmpty()) {
                    out.println("No drafts waiting.");
                    return Main.OK;
                }
                Table t = new Table("ID", "ADDED", "SOURCE", "TAGS", "SUMMARY", "TITLE");
                for (Paper p : drafts) {
                    t.add(p.id(), p.addedAt().toString().substring(0, 10), CatalogCommand.ListPapers.shorten(p.source(), 30),
                            String.join(",", p.tags()), p.summary() == null ? "no" : "yes",
                            CatalogCommand.ListPapers.shorten(p.title(), 60));
                }
                t.print(out);
                out.println(drafts.size() + " drafts. Publish with `catalog publish ID…`, reject with `catalog reject ID…`.");
                return Main.OK;
            }
        }
    }

    /** Moves papers to a status; an unknown id is reported and the rest still change. */
    abstract static class Move implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "1..*")
        List<String> ids;

        abstract PaperStatus to();

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                CatalogStore store = app.catalogStore();
                int bad = 0;
                for (String id : ids) {
                    var found = store.find(id);
                    if (found.isEmpty()) {
                        spec.commandLine().getErr().println("error: no paper with id \"" + id + "\"");
                        bad++;
                        continue;
                    }
                    store.save(found.get().withStatus(to(), app.clock().instant()));
                    spec.commandLine().getOut().println(id + ": " + to().column() + ".");
                }
                return bad > 0 ? Main.BAD_INPUT : Main.OK;
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publishes papers: they can be picked from the next issue on, and appear on /papers and /feed.xml.")
    static final class Publish extends Move {
        @Override
        PaperStatus to() {
            return PaperStatus.PUBLISHED;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects papers: never picked or shown (issues already sent keep showing them).")
    static final class Reject extends Move {
        @Override
        PaperStatus to() {
            return PaperStatus.REJECTED;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Writes a paper's summary, why it matters, or topics.")
    static final class Edit implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--summary", paramLabel = "TEXT")
        String summary;

        @Option(names = "--why", paramLabel = "TEXT")
        String why;

        @Option(names = "--tags", paramLabel = "a,b")
        String tags;

        @Override
        public Integer call() {
            if (summary == null && why == null && tags == null) {
                throw new BadInputException("catalog edit needs --summary, --why or --tags");
            }
            if ((summary != null && summary.isBlank()) || (why != null && why.isBlank())) {
                throw new BadInputException("--summary and --why must not be empty");
            }
            try (App app = parent.main.app(Map.of())) {
                Paper p = app.catalogStore().find(id).orElseThrow(() -> new BadInputException("no paper with id \"" + id + "\""));
                app.catalogStore().save(p.edited(summary == null ? null : summary.strip(), why == null ? null : why.strip(),
                        tags == null ? null : tags(tags)));
                spec.commandLine().getOut().println(id + ": saved.");
                return Main.OK;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes the whole catalog, every status, as our JSON (to FILE, or standard output); importing it gives it back exactly.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "0..1")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (App app = parent.main.app(Map.of())) {
                Catalog catalog = app.catalogStore().snapshot();
                String json = new CatalogWriter().write(catalog);
                if (file == null) {
                    spec.commandLine().getOut().print(json);
                    spec.commandLine().getOut().flush();
                } else {
                    Files.writeString(file, json, StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("Wrote " + catalog.papers().size() + " papers to " + file + ".");
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows published and draft counts, papers added in the last 7 days, and the runway of the next issues.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                PrintWriter out = spec.commandLine().getOut();
                var counts = app.catalogStore().counts();
                out.println("Catalog: " + counts.get(PaperStatus.PUBLISHED) + " published, " + counts.get(PaperStatus.DRAFT)
                        + " drafts, " + counts.get(PaperStatus.REJECTED) + " rejected; "
                        + app.catalogStore().addedSince(app.clock().instant().minus(Duration.ofDays(7))) + " added in the last 7 days.");
                Runway.Forecast f = app.runway().next();
                out.println("Next issue: " + (f.readers() - f.skipped()) + " of " + f.readers() + " active readers get papers; "
                        + f.skipped() + " would be skipped, " + f.fewer() + " would get fewer than " + f.papersPerIssue() + ".");
                if (!f.issuesLeftByTopic().isEmpty()) {
                    Table t = new Table("TOPIC", "ISSUES LEFT").alignRight(1);
                    f.issuesLeftByTopic().forEach((topic, left) -> t.add(topic, left));
                    out.println("Runway per followed topic (full issues of unread papers left for its most-read follower):");
                    t.print(out);
                }
                if (f.warning() != null) {
                    out.println("warning: " + f.warning() + ".");
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Fetches the feeds of DIGEST_SOURCES now (as run does on DIGEST_SOURCES_CRON); one line per source.")
    static final class Refresh implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                if (app.config().catalog().sources().isEmpty()) {
                    spec.commandLine().getOut().println("No sources: set DIGEST_SOURCES to feed URLs, comma-separated.");
                    return Main.OK;
                }
                List<SourceRefresh.Outcome> outcomes = app.sourceRefresh().refresh();
                outcomes.forEach(o -> spec.commandLine().getOut().println(o.source() + ": " + o.line()));
                return outcomes.stream().anyMatch(SourceRefresh.Outcome::failed) ? Main.FAILURE : Main.OK;
            }
        }
    }
}
