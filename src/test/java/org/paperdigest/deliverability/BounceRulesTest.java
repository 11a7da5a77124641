package org.paperdigest.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every row of {@code deliverability/bounce-rules.tsv}, by its own example. */
class BounceRulesTest {
    static Stream<BounceRules.Rule> rows() {
        return BounceRules.bundled().all().stream();
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("rows")
    void each_rule_is_the_first_of_its_stage_to_match_its_example(BounceRules.Rule rule) {
        BounceRules rules = BounceRules.bundled();

        var hit = rules.first(rule.stage(), field -> field.equals(rule.field()) ? rule.example() : null);

        assertThat(hit).as("line " + rule.line() + ": " + rule.example()).isPresent();
        assertThat(hit.get().rule().line()).as("line " + rule.line() + " is shadowed by an earlier rule").isEqualTo(rule.line());
    }

    @Test
    void a_broken_line_is_named_with_its_number() {
        assertThatThrownBy(() -> BounceRules.parse(List.of("# comment", "status\thard\tstatus\t5\\.1\\.\\d+\tgone")))
                .hasMessageContaining("line 2 has 5 columns, expected 6");
        assertThatThrownBy(() -> BounceRules.parse(List.of("text\tsometimes\ttext\tx\twords\tx")))
                .hasMessageContaining("line 1 gives 'sometimes' where hard or soft is expected");
        assertThatThrownBy(() -> BounceRules.parse(List.of("text\thard\ttext\t(unclosed\twords\tx")))
                .hasMessageContaining("line 1 has a broken pattern");
    }
}
