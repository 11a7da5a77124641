package org.paperdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .env rules the README documents, one row each: the line as written and the value read. */
class DotEnvTest {
    @TempDir
    Path dir;

    /** Each row: a .env line, then the value of V it must give (null: not set). */
    private static final List<String[]> RULES = List.of(
            new String[] {"V=plain", "plain"},
            new String[] {"V = spaced around the equals sign ", "spaced around the equals sign"},
            new String[] {"export V=exported", "exported"},
            new String[] {"V='pa ss#1'  # prod", "pa ss#1"},
            new String[] {"V=\"pa ss#1\" # prod", "pa ss#1"},
            new String[] {"V='  kept  '", "  kept  "},
            new String[] {"V=value # a comment", "value"},
            new String[] {"V=value\t# a comment after a tab", "value"},
            new String[] {"V=pa#ss", "pa#ss"},
            new String[] {"V=#not a value", null},
            new String[] {"V=", null},
            new String[] {"V=''", null},
            new String[] {"V='single \\n stays'", "single \\n stays"},
            new String[] {"V=\"double \\\"quoted\\\" \\\\ line\\nbreak\"", "double \"quoted\" \\ line\nbreak"},
            new String[] {"V=\"it's\"", "it's"},
            new String[] {"V='say \"hi\"'", "say \"hi\""},
            new String[] {"V=pa$$word", "pa$$word"},
            new String[] {"V=${HOME}", "${HOME}"},
            new String[] {"V=a=b=c", "a=b=c"},
            new String[] {"V=\"postgresql://user:p@ss@host/db\"", "postgresql://user:p@ss@host/db"},
            new String[] {"V=quoted'in'middle", "quoted'in'middle"});

    private Env read(String... lines) throws IOException {
        Path file = Files.write(dir.resolve(".env"), List.of(lines));
        return Env.load(file, Map.of(), Map.of());
    }

    @Test
    void every_documented_rule_reads_the_value_other_dotenv_readers_read() throws IOException {
        for (String[] rule : RULES) {
            assertThat(read(rule[0]).get("V").orElse(null)).as(rule[0]).isEqualTo(rule[1]);
        }
    }

    @Test
    void comments_blank_lines_a_byte_order_mark_and_windows_line_ends_are_ignored() throws IOException {
        Env env = read("\uFEFF# settings", "", "   # indented comment", "A=1\r", "B='two'\r");

        assertThat(env.get("A")).hasValue("1");
        assertThat(env.get("B")).hasValue("two");
    }

    @Test
    void a_quoted_value_may_span_lines() throws IOException {
        Env env = read("KEY=\"-----BEGIN-----", "abc", "-----END-----\"  # the key", "NEXT=after");

        assertThat(env.get("KEY")).hasValue("-----BEGIN-----\nabc\n-----END-----");
        assertThat(env.get("NEXT")).hasValue("after");
        assertThat(env.origin("NEXT")).isEqualTo(".env line 4");
    }

    @Test
    void the_last_line_for_a_name_wins() throws IOException {
        assertThat(read("V=first", "V=second").get("V")).hasValue("second");
    }

    @Test
    void text_after_a_closing_quote_is_refused_naming_the_line() {
        assertThatThrownBy(() -> read("# x", "V='it''s'")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".env line 2: unexpected text after the closing quote of V");
    }

    @Test
    void a_quote_never_closed_is_refused_naming_the_line() {
        assertThatThrownBy(() -> read("A=1", "V=\"open", "B=2")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".env line 2: the value of V opens a \" quote that is never closed");
    }

    @Test
    void a_line_without_an_equals_sign_is_refused_naming_the_line() {
        assertThatThrownBy(() -> read("A=1", "just words")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".env line 2: expected NAME=value");
    }

    @Test
    void a_quoted_smtp_password_with_a_comment_reaches_the_configuration_without_quotes() throws IOException {
        Config config = Config.from(read("SMTP_USERNAME=editor", "SMTP_PASSWORD='pa ss#1'  # prod"));

        assertThat(config.smtp().password()).isEqualTo("pa ss#1");
    }
}
