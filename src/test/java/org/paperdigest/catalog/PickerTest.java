package org.paperdigest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickerTest {
    private final Picker picker = new Picker(new CatalogLoader().loadBundled());

    @Test
    void a_new_reader_without_topics_gets_the_top_of_the_list() {
        List<Pick> picks = picker.pick(Set.of(), List.of(), 3);

        assertThat(ids(picks)).containsExactly("crd", "tas-network-pruning", "autoaugment-detection");
        assertThat(picks).extracting(Pick::reason).containsOnly("Top of the list");
    }

    @Test
    void papers_on_the_readers_topics_come_first_in_rank_order() {
        List<Pick> picks = picker.pick(Set.of(), List.of("nlp"), 3);

        assertThat(ids(picks)).containsExactly("xlnet", "transformer-xl", "crd");
        assertThat(picks).extracting(Pick::reason)
                .containsExactly("Because you follow nlp", "Because you follow nlp", "Top of the list");
    }

    @Test
    void the_reason_names_the_first_followed_topic_a_paper_carries() {
        List<Pick> picks = picker.pick(Set.of(), List.of("video", "vision"), 2);

        assertThat(ids(picks)).containsExactly("crd", "tas-network-pruning");
        assertThat(picks).extracting(Pick::matchedTopic).containsExactly("vision", "vision");
        assertThat(picker.pick(Set.of(), List.of("video", "vision"), 10))
                .filteredOn(p -> p.paper().id().equals("dain")).extracting(Pick::matchedTopic).containsExactly("video");
    }

    @Test
    void papers_already_received_are_never_picked_again() {
        List<Pick> picks = picker.pick(Set.of("crd", "xlnet", "tas-network-pruning"), List.of("nlp"), 3);

        assertThat(ids(picks)).containsExactly("transformer-xl", "autoaugment-detection", "struct2depth");
    }

    @Test
    void near_the_end_of_the_catalog_the_reader_gets_what_is_left() {
        Set<String> received = Set.of("crd", "tas-network-pruning", "autoaugment-detection", "xlnet", "transformer-xl",
                "struct2depth", "auto-keras", "dain");

        assertThat(ids(picker.pick(received, List.of(), 3))).containsExactly("openpose", "fastfcn");
    }

    @Test
    void a_reader_who_has_had_every_paper_gets_nothing() {
        Set<String> all = Set.copyOf(ids(picker.pick(Set.of(), List.of(), 10)));

        assertThat(all).hasSize(10);
        assertThat(picker.pick(all, List.of("vision"), 3)).isEmpty();
    }

    private static List<String> ids(List<Pick> picks) {
        return picks.stream().map(p -> p.paper().id()).toList();
    }
}
