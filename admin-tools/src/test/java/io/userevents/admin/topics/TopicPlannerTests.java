package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.topics.TopicChange.AddPartitions;
import io.userevents.admin.topics.TopicChange.AlterConfigs;
import io.userevents.admin.topics.TopicChange.ConfigChange;
import io.userevents.admin.topics.TopicChange.CreateTopic;
import io.userevents.admin.topics.TopicChange.DeleteTopic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlannerTests {

  private static final TopicPlanner.Options DEFAULTS =
      new TopicPlanner.Options(false, List.of(), 3);

  private static TopicSpec spec(String name, int partitions, Map<String, String> configs) {
    return new TopicSpec(name, partitions, 3, configs);
  }

  private static TopicState state(String name, int partitions, Map<String, String> overrides) {
    return new TopicState(name, partitions, 3, overrides);
  }

  private static TopicPlan plan(List<TopicSpec> desired, List<TopicState> actual) {
    return plan(desired, actual, DEFAULTS);
  }

  private static TopicPlan plan(
      List<TopicSpec> desired, List<TopicState> actual, TopicPlanner.Options options) {
    Map<String, TopicState> byName = new java.util.HashMap<>();
    actual.forEach(s -> byName.put(s.name(), s));
    return TopicPlanner.plan(new DesiredState(desired), byName, options);
  }

  @Test
  void createsTopicsMissingFromTheCluster() {
    TopicPlan plan = plan(List.of(spec("a", 3, Map.of("retention.ms", "1000"))), List.of());

    assertThat(plan.changes())
        .containsExactly(new CreateTopic(spec("a", 3, Map.of("retention.ms", "1000"))));
    assertThat(plan.refusals()).isEmpty();
  }

  @Test
  void plansNothingWhenOverridesMatchIgnoringBlanksInLists() {
    TopicPlan plan =
        plan(
            List.of(spec("a", 3, Map.of("cleanup.policy", "compact, delete"))),
            List.of(state("a", 3, Map.of("cleanup.policy", "compact,delete"))));

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void detectsChangedAddedAndRemovedOverrides() {
    TopicPlan plan =
        plan(
            List.of(spec("a", 3, Map.of("retention.ms", "2000", "compression.type", "lz4"))),
            List.of(state("a", 3, Map.of("retention.ms", "1000", "segment.bytes", "1048576"))));

    assertThat(plan.changes())
        .containsExactly(
            new AlterConfigs(
                "a",
                List.of(
                    new ConfigChange("compression.type", null, "lz4"),
                    new ConfigChange("retention.ms", "1000", "2000"),
                    new ConfigChange("segment.bytes", "1048576", null))));
  }

  @Test
  void refusesToDecreasePartitionsAndExplainsWhy() {
    TopicPlan plan = plan(List.of(spec("a", 2, Map.of())), List.of(state("a", 3, Map.of())));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.refusals())
        .singleElement()
        .asString()
        .contains(
            "a: partitions 3 -> 2 refused", "cannot remove partitions", "reset every consumer");
  }

  @Test
  void addsPartitionsWithAWarningThatKeysMove() {
    TopicPlan plan = plan(List.of(spec("a", 6, Map.of())), List.of(state("a", 3, Map.of())));

    assertThat(plan.changes()).containsExactly(new AddPartitions("a", 3, 6));
    assertThat(plan.warnings()).singleElement().asString().contains("key hashes to");
  }

  @Test
  void deletesUnlistedTopicsOnlyWhenAllowedAndInsideManagedPrefixes() {
    List<TopicState> actual =
        List.of(
            state("team-a", 1, Map.of()),
            state("team-old", 1, Map.of()),
            state("other", 1, Map.of()),
            state("__consumer_offsets", 50, Map.of()));
    List<TopicSpec> desired = List.of(spec("team-a", 1, Map.of()));

    TopicPlan guarded = plan(desired, actual);
    TopicPlan everything = plan(desired, actual, new TopicPlanner.Options(true, List.of(), 3));
    TopicPlan scoped = plan(desired, actual, new TopicPlanner.Options(true, List.of("team-"), 3));

    assertThat(guarded.changes()).isEmpty();
    assertThat(guarded.unmanaged()).containsExactly("other", "team-old");
    assertThat(everything.changes())
        .containsExactly(new DeleteTopic("other"), new DeleteTopic("team-old"));
    assertThat(scoped.changes()).containsExactly(new DeleteTopic("team-old"));
    assertThat(scoped.unmanaged()).containsExactly("other");
  }

  @Test
  void refusesAReplicationFactorTheClusterCannotHost() {
    TopicPlan plan =
        plan(
            List.of(spec("a", 1, Map.of())),
            List.of(),
            new TopicPlanner.Options(false, List.of(), 1));

    assertThat(plan.refusals())
        .singleElement()
        .asString()
        .contains("replication factor 3 needs 3 brokers, the cluster has 1")
        .contains("--replication-factor-override 1");
  }

  @Test
  void refusesMinInsyncReplicasAboveTheReplicationFactor() {
    TopicSpec spec = new TopicSpec("a", 1, 1, Map.of("min.insync.replicas", "2"));

    TopicPlan plan = plan(List.of(spec), List.of());

    assertThat(plan.refusals()).singleElement().asString().contains("acks=all could never write");
  }

  @Test
  void warnsButDoesNotActWhenReplicationFactorDiffers() {
    TopicPlan plan =
        plan(List.of(spec("a", 1, Map.of())), List.of(new TopicState("a", 1, 1, Map.of())));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.warnings()).singleElement().asString().contains("kafka-reassign-partitions");
  }

  @Test
  void replicationFactorOverrideLowersMinInsyncReplicas() {
    DesiredState desired =
        new DesiredState(List.of(spec("a", 3, Map.of("min.insync.replicas", "2"))));

    DesiredState.Overridden overridden = desired.overrideReplicationFactor(1);

    TopicSpec topic = overridden.state().topics().get(0);
    assertThat(topic.replicationFactor()).isEqualTo(1);
    assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
    assertThat(overridden.notes()).singleElement().asString().contains("lowered from 2 to 1");
  }
}
