package org.paperdigest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.paperdigest.config.BadInputException;
import org.paperdigest.mail.DkimKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dkim", mixinStandardHelpOptions = true, description = "DKIM keys for signing the digest (RFC 6376).",
        subcommands = {DkimCommand.Keygen.class})
final class DkimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Writes a new 2048-bit RSA key pair and prints the DNS TXT record to publish.",
                    "The files are SELECTOR.private.pem (PKCS#8) and SELECTOR.public.pem; the record goes at SELECTOR._domainkey.DOMAIN."})
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--selector", required = true, paramLabel = "S", description = "The selector, e.g. digest2026.")
        String selector;

        @Option(names = "--domain", required = true, paramLabel = "D", description = "The signing domain: the domain of DIGEST_FROM.")
        String domain;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write the key files (default: the current directory).")
        Path out = Path.of(".");

        @Override
        public Integer call() throws IOException {
            if (!selector.matches("(?i)[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")) {
                throw new BadInputException("--selector must be a DNS label such as digest2026, got '" + selector + "'");
            }
            if (!domain.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
                throw new BadInputException("--domain must be a domain name such as example.org, got '" + domain + "'");
            }
            Files.createDirectories(out);
            Path privateFile = out.resolve(selector + ".private.pem");
            Path publicFile = out.resolve(selector + ".public.pem");
            if (Files.exists(privateFile)) {
                throw new BadInputException(privateFile + " already exists; choose another --selector or --out (keys are never overwritten)");
            }
            KeyPair pair = DkimKeys.generate();
            DkimKeys.writePrivateKey(pair, privateFile);
            DkimKeys.writePublicKey(pair, publicFile);
            PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote " + privateFile + " (private, keep it secret) and " + publicFile + ".");
            o.println();
            o.println("1. Publish this DNS TXT record:");
            o.println();
            o.println(DkimKeys.zoneLine(selector, domain, pair.getPublic()));
            o.println();
            o.println("   (as one value, for DNS control panels: name " + selector + "._domainkey." + domain + ", value)");
            o.println("   " + DkimKeys.txtValue(pair.getPublic()));
            o.println();
            o.println("2. Then set:");
            o.println("   DKIM_DOMAIN=" + domain);
            o.println("   DKIM_SELECTOR=" + selector);
            o.println("   DKIM_PRIVATE_KEY_FILE=" + privateFile.toAbsolutePath().normalize());
            o.println("   and make DIGEST_FROM an address @" + domain + " (DMARC alignment; `lint` checks it).");
            return Main.OK;
        }
    }
}
