package org.paperdigest.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.catalog.Paper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Checks, shows and grows the paper catalog.",
        subcommands = {CatalogCommand.Validate.class, CatalogCommand.ListPapers.class, CatalogEditing.Add.class,
                CatalogEditing.Import.class, CatalogEditing.Drafts.class, CatalogEditing.Publish.class,
                CatalogEditing.Reject.class, CatalogEditing.Edit.class, CatalogEditing.Export.class,
                CatalogEditing.Status.class, CatalogEditing.Refresh.class})
final class CatalogCommand implements Runnable {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks a catalog file (default: DIGEST_CATALOG, or the bundled catalog); exit 2 names the entry and field at fault.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The catalog JSON file to check.")
        Path file;

        @Override
        public Integer call() {
            Catalog catalog;
            if (file != null) {
                catalog = new CatalogLoader().load(file);
            } else {
                // Checking the configured file opens no database.
                try (App app = parent.main.app(Map.of())) {
                    catalog = new CatalogLoader().load(app.config().digest().catalog());
                }
            }
            spec.commandLine().getOut().println(catalog.source() + ": OK, " + catalog.papers().size() + " papers, "
                    + catalog.topics().size() + " topics (" + String.join(", ", catalog.topics()) + ").");
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the papers in editorial order, with their status.")
    static final class ListPapers implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                Catalog catalog = app.catalog();
                PrintWriter out = spec.commandLine().getOut();
                out.println(catalog.title() + " (" + catalog.source() + ")");
                Table t = new Table("RANK", "ID", "STATUS", "YEAR", "VENUE", "TAGS", "TITLE").alignRight(0);
                for (Paper p : catalog.papers()) {
                    t.add(p.rank(), p.id(), p.status().column(), p.year(), shorten(p.venue(), 24), String.join(",", p.tags()),
                            shorten(p.title(), 60));
                }
                t.print(out);
                return Main.OK;
            }
        }

        static String shorten(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 1) + "…";
        }
    }
}
