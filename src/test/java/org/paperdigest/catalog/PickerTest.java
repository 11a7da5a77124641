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

    @Test
    void papers_published_since_the_last_issue_lead_topic_matches_first_then_the_archive_fills_the_rest() {
        java.time.Instant lastIssue = java.time.Instant.parse("2026-11-23T09:00:00Z");
        List<Paper> papers = new java.util.ArrayList<>(new CatalogLoader().loadBundled().papers());
        papers.add(arrived("older-new", "vision", 11, lastIssue.plusSeconds(3600)));
        papers.add(arrived("newest", "vision", 12, lastIssue.plusSeconds(7200)));
        papers.add(arrived("new-nlp", "nlp", 13, lastIssue.plusSeconds(60)));
        papers.add(arrived("before", "nlp", 14, lastIssue.minusSeconds(60)));
        Picker newest = new Picker(new Catalog("t", papers, "test"));

        List<Pick> picks = newest.pick(Set.of(), List.of("nlp"), 5, lastIssue);

        assertThat(ids(picks)).containsExactly("new-nlp", "newest", "older-new", "xlnet", "transformer-xl");
        assertThat(picks).extracting(Pick::reason).containsExactly("New in nlp this week", "New this week", "New this week",
                "Because you follow nlp", "Because you follow nlp");
        assertThat(ids(newest.pick(Set.of("new-nlp", "newest"), List.of(), 2, lastIssue))).containsExactly("older-new", "crd");
    }

    @Test
    void drafts_and_rejected_papers_are_never_picked() {
        List<Paper> papers = new java.util.ArrayList<>(new CatalogLoader().loadBundled().papers());
        papers.replaceAll(p -> p.id().equals("crd") ? p.withStatus(PaperStatus.REJECTED, java.time.Instant.EPOCH) : p);
        papers.add(new Paper("draft", "Draft", List.of("A"), 2026, "arXiv", java.net.URI.create("https://arxiv.org/abs/2411.00003"),
                null, List.of("vision"), null, null, 0, null, null, null, "arxiv", PaperStatus.DRAFT, java.time.Instant.now(), null));
        Picker picker = new Picker(new Catalog("t", papers, "test"));

        assertThat(ids(picker.pick(Set.of(), List.of("vision"), 20, java.time.Instant.EPOCH))).hasSize(9).doesNotContain("crd", "draft");
    }

    @Test
    void a_walk_that_shares_picks_between_readers_gives_each_reader_what_picking_for_them_alone_gives() {
        java.time.Instant lastIssue = java.time.Instant.parse("2026-11-23T09:00:00Z");
        List<Paper> papers = new java.util.ArrayList<>(new CatalogLoader().loadBundled().papers());
        papers.add(arrived("newest", "vision", 12, lastIssue.plusSeconds(7200)));
        papers.add(arrived("new-nlp", "nlp", 13, lastIssue.plusSeconds(60)));
        Picker picker = new Picker(new Catalog("t", papers, "test"));
        List<String> ids = papers.stream().map(Paper::id).toList();
        List<List<String>> topicSets = List.of(List.of(), List.of("nlp"), List.of("vision", "nlp"), List.of("video"));
        java.util.Random random = new java.util.Random(11);
        Picker.Memo memo = picker.memo();
        // More readers than the memo remembers, with histories that repeat (cohorts) and that do not.
        for (int reader = 0; reader < Picker.MEMO_SIZE * 3; reader++) {
            Set<String> received = new java.util.HashSet<>();
            int cohort = random.nextInt(6);
            for (int i = 0; i < cohort; i++) {
                received.add(ids.get(i * 2 % ids.size()));
            }
            if (random.nextInt(4) == 0) {
                received.add(ids.get(random.nextInt(ids.size())));
            }
            List<String> topics = topicSets.get(random.nextInt(topicSets.size()));
            int count = 2 + random.nextInt(3);
            java.time.Instant since = random.nextBoolean() ? null : lastIssue.minusSeconds(random.nextInt(3) * 3600L);

            assertThat(memo.pick(received, topics, count, since)).as("reader " + reader)
                    .isEqualTo(picker.pick(received, topics, count, since));
        }
    }

    private static Paper arrived(String id, String tag, int rank, java.time.Instant at) {
        return new Paper(id, "Paper " + id, List.of("A"), 2026, "arXiv", java.net.URI.create("https://arxiv.org/abs/2411.0" + rank + "00"),
                null, List.of(tag), null, null, rank, "Abstract.", null, null, "arxiv", PaperStatus.PUBLISHED, at, at);
    }
}
