package org.paperdigest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.inbound.ReportChecker;
import org.paperdigest.deliverability.Classification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "bounces", mixinStandardHelpOptions = true, description = "Bounce and complaint reports.",
        subcommands = {BouncesCommand.Check.class})
final class BouncesCommand implements Runnable {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Shows how each report (a saved .eml) is classified: hard, soft, delay, complaint, ignored or unrecognised,"
                    + " with recipient, status, reply and reason, and which delivery of ours it names. Changes nothing.",
                    "Without DIGEST_SECRET the reports are classified but not matched to our messages."})
    static final class Check implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        BouncesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE.eml", description = "Saved messages from the bounce mailbox.")
        List<Path> files;

        @Option(names = "--json", description = "Print one JSON object per file, one per line.")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int code = Main.OK;
            try (App app = parent.main.app(Map.of())) {
                ReportChecker checker = app.reportChecker();
                for (Path file : files) {
                    byte[] raw;
                    try {
                        raw = Files.readAllBytes(file);
                    } catch (IOException e) {
                        err.println("error: cannot read " + file + ": " + e.getMessage());
                        code = Main.BAD_INPUT;
                        continue;
                    }
                    ReportChecker.Verdict v = checker.check(raw);
                    if (json) {
                        out.println(JSON.writeValueAsString(asMap(file, v)));
                    } else {
                        print(out, file, v);
                    }
                }
            }
            return code;
        }

        private static void print(PrintWriter out, Path file, ReportChecker.Verdict v) {
            Classification c = v.classification();
            out.println(file + ": " + c.kind().code() + "  " + orDash(c.recipient()) + "  " + orDash(c.status()));
            out.println("  reason    " + c.reason());
            if (c.reply() != null) {
                out.println("  reply     " + c.reply());
            }
            out.println("  read as   " + c.source());
            v.delivery().ifPresent(d -> out.println("  delivery  issue " + d.issue() + ", subscriber " + d.subscriberId()));
        }

        private static Map<String, Object> asMap(Path file, ReportChecker.Verdict v) {
            Classification c = v.classification();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("kind", c.kind().code());
            m.put("recipient", c.recipient());
            m.put("status", c.status());
            m.put("reason", c.reason());
            m.put("reply", c.reply());
            m.put("source", c.source());
            m.put("issue", v.delivery().map(d -> (Object) d.issue()).orElse(null));
            m.put("subscriber_id", v.delivery().map(d -> (Object) d.subscriberId()).orElse(null));
            return m;
        }

        private static String orDash(String s) {
            return s == null ? "-" : s;
        }
    }
}
