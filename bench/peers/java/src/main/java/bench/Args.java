package bench;

import java.nio.file.Path;

final class Args {
    String mode;
    String host = "127.0.0.1";
    int port = 2525;
    int n = 1000;
    int c = 1;
    boolean nodelay = true;
    Path fixtures = Path.of("bench/fixtures");
    Path out;

    static Args parse(String[] argv) {
        if (argv.length == 0) usage("missing mode");
        Args a = new Args();
        a.mode = argv[0];
        for (int i = 1; i < argv.length; i++) {
            String k = argv[i];
            if (i + 1 >= argv.length) usage("missing value for " + k);
            String v = argv[++i];
            switch (k) {
                case "--host" -> a.host = v;
                case "--port" -> a.port = Integer.parseInt(v);
                case "--n" -> a.n = Integer.parseInt(v);
                case "--c" -> a.c = Integer.parseInt(v);
                case "--nodelay" -> a.nodelay = Boolean.parseBoolean(v);
                case "--fixtures" -> a.fixtures = Path.of(v);
                case "--out" -> a.out = Path.of(v);
                default -> usage("unknown option " + k);
            }
        }
        if (a.n < 1 || a.c < 1) usage("--n and --c must be >= 1");
        return a;
    }

    static void usage(String why) {
        System.err.println("bench-peers: " + why);
        System.err.println("usage: java -jar bench-peers.jar jakarta|sjm|eml [--host H] [--port P] [--n N] [--c C]"
                + " [--nodelay true|false] [--fixtures DIR] [--out FILE (eml)]");
        System.exit(2);
    }
}
