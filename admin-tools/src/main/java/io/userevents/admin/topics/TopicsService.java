package io.userevents.admin.topics;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.Futures;
import io.userevents.admin.topics.TopicChange.AddPartitions;
import io.userevents.admin.topics.TopicChange.AlterConfigs;
import io.userevents.admin.topics.TopicChange.ConfigChange;
import io.userevents.admin.topics.TopicChange.CreateTopic;
import io.userevents.admin.topics.TopicChange.DeleteTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;

/** Reads topic state from the cluster and applies plans. Never prints. */
final class TopicsService {

  private final Admin admin;
  private final Duration timeout;

  TopicsService(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  int brokerCount() {
    return Futures.get(admin.describeCluster().nodes(), timeout, "describe cluster").size();
  }

  /** Names of all non-internal topics. */
  Set<String> topicNames() {
    Set<String> names =
        Futures.get(
            admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
            timeout,
            "list topics");
    return names.stream()
        .filter(name -> !TopicPlanner.isInternal(name))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The current state of the given existing topics, with per-topic overrides only (config source
   * DYNAMIC_TOPIC_CONFIG); broker defaults and static broker configs are left out.
   */
  Map<String, TopicState> state(Collection<String> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    Map<String, TopicDescription> descriptions =
        Futures.get(admin.describeTopics(topics).allTopicNames(), timeout, "describe topics");
    Map<String, Config> configs = configs(topics);
    Map<String, TopicState> state = new TreeMap<>();
    for (TopicDescription description : descriptions.values()) {
      Map<String, String> overrides = new TreeMap<>();
      Config config = configs.get(description.name());
      if (config != null) {
        for (ConfigEntry entry : config.entries()) {
          if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
              && entry.value() != null) {
            overrides.put(entry.name(), entry.value());
          }
        }
      }
      int replicas =
          description.partitions().isEmpty()
              ? 0
              : description.partitions().get(0).replicas().size();
      state.put(
          description.name(),
          new TopicState(description.name(), description.partitions().size(), replicas, overrides));
    }
    return state;
  }

  Map<String, Config> configs(Collection<String> topics) {
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs =
        Futures.get(admin.describeConfigs(resources).all(), timeout, "describe configs");
    Map<String, Config> byTopic = new HashMap<>();
    configs.forEach((resource, config) -> byTopic.put(resource.name(), config));
    return byTopic;
  }

  Map<String, TopicDescription> describe(Collection<String> topics) {
    return Futures.get(admin.describeTopics(topics).allTopicNames(), timeout, "describe topics");
  }

  /**
   * Makes the changes of a plan: creates, then partition increases, then config changes, then
   * deletes. Every change is attempted; the outcome of each is returned. Created and deleted
   * topics, added partitions and altered configs are waited for until the cluster shows them, so
   * the next command sees them.
   */
  List<ApplyOutcome> apply(TopicPlan plan) {
    if (plan.isRefused()) {
      throw new CliException("plan has refused changes; nothing was applied");
    }
    Map<TopicChange, KafkaFuture<Void>> pending = new LinkedHashMap<>();
    List<CreateTopic> creates = only(plan, CreateTopic.class);
    if (!creates.isEmpty()) {
      List<NewTopic> newTopics = creates.stream().map(c -> newTopic(c.spec())).toList();
      Map<String, KafkaFuture<Void>> futures = admin.createTopics(newTopics).values();
      creates.forEach(c -> pending.put(c, futures.get(c.topic())));
    }
    List<AddPartitions> additions = only(plan, AddPartitions.class);
    if (!additions.isEmpty()) {
      Map<String, NewPartitions> increase = new LinkedHashMap<>();
      additions.forEach(a -> increase.put(a.topic(), NewPartitions.increaseTo(a.to())));
      Map<String, KafkaFuture<Void>> futures = admin.createPartitions(increase).values();
      additions.forEach(a -> pending.put(a, futures.get(a.topic())));
    }
    List<AlterConfigs> alters = only(plan, AlterConfigs.class);
    if (!alters.isEmpty()) {
      Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
      for (AlterConfigs alter : alters) {
        ops.put(
            new ConfigResource(ConfigResource.Type.TOPIC, alter.topic()),
            alter.configs().stream().map(TopicsService::op).toList());
      }
      Map<ConfigResource, KafkaFuture<Void>> futures = admin.incrementalAlterConfigs(ops).values();
      alters.forEach(
          a ->
              pending.put(
                  a, futures.get(new ConfigResource(ConfigResource.Type.TOPIC, a.topic()))));
    }
    List<DeleteTopic> deletes = only(plan, DeleteTopic.class);
    if (!deletes.isEmpty()) {
      Map<String, KafkaFuture<Void>> futures =
          admin.deleteTopics(deletes.stream().map(DeleteTopic::topic).toList()).topicNameValues();
      deletes.forEach(d -> pending.put(d, futures.get(d.topic())));
    }
    List<ApplyOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<TopicChange, KafkaFuture<Void>> entry : pending.entrySet()) {
      try {
        Futures.get(entry.getValue(), timeout, "apply " + entry.getKey().topic());
        outcomes.add(new ApplyOutcome(entry.getKey(), null));
      } catch (RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        outcomes.add(new ApplyOutcome(entry.getKey(), message));
      }
    }
    awaitMetadata(succeeded(outcomes, CreateTopic.class), succeeded(outcomes, DeleteTopic.class));
    awaitPartitions(
        outcomes.stream()
            .filter(o -> o.succeeded() && o.change() instanceof AddPartitions)
            .map(o -> (AddPartitions) o.change())
            .toList());
    awaitConfigs(
        outcomes.stream()
            .filter(o -> o.succeeded() && o.change() instanceof AlterConfigs)
            .map(o -> (AlterConfigs) o.change())
            .toList());
    return outcomes;
  }

  private static List<String> succeeded(
      List<ApplyOutcome> outcomes, Class<? extends TopicChange> type) {
    return outcomes.stream()
        .filter(o -> o.succeeded() && type.isInstance(o.change()))
        .map(o -> o.change().topic())
        .toList();
  }

  /**
   * Waits until the metadata shows created topics and no longer shows deleted ones, so the next
   * command (or a producer started right after apply) sees the new state.
   */
  private void awaitMetadata(List<String> created, List<String> deleted) {
    if (created.isEmpty() && deleted.isEmpty()) {
      return;
    }
    awaitUntil(
        () -> {
          Set<String> names = topicNames();
          return names.containsAll(created) && deleted.stream().noneMatch(names::contains);
        },
        "changes were made but metadata did not show them");
  }

  /**
   * Waits until the metadata shows the added partitions. The controller acknowledges a partition
   * increase before every broker has applied it, so without this a describe or plan run right after
   * apply could still see the old count.
   */
  private void awaitPartitions(List<AddPartitions> added) {
    if (added.isEmpty()) {
      return;
    }
    List<String> topics = added.stream().map(AddPartitions::topic).toList();
    awaitUntil(
        () -> partitionsVisible(added, describe(topics)),
        "partitions were added but metadata did not show them");
  }

  private static boolean partitionsVisible(
      List<AddPartitions> added, Map<String, TopicDescription> described) {
    return added.stream()
        .allMatch(
            a ->
                described.containsKey(a.topic())
                    && described.get(a.topic()).partitions().size() >= a.to());
  }

  /**
   * Waits until describeConfigs shows the altered overrides. Brokers apply config changes from the
   * metadata log asynchronously and describeConfigs may ask any of them, so without this a plan run
   * right after apply could still report drift.
   */
  private void awaitConfigs(List<AlterConfigs> altered) {
    if (altered.isEmpty()) {
      return;
    }
    List<String> topics = altered.stream().map(AlterConfigs::topic).toList();
    awaitUntil(
        () -> configsVisible(altered, state(topics)),
        "config changes were made but brokers did not show them");
  }

  /** Polls {@code visible} until it holds; fails with {@code failure} after the timeout. */
  private void awaitUntil(BooleanSupplier visible, String failure) {
    Instant deadline = Instant.now().plus(timeout);
    while (!visible.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new CliException(failure + " within " + timeout);
      }
      pause();
    }
  }

  private static boolean configsVisible(List<AlterConfigs> altered, Map<String, TopicState> state) {
    for (AlterConfigs alter : altered) {
      TopicState topic = state.get(alter.topic());
      if (topic == null) {
        return false;
      }
      for (ConfigChange change : alter.configs()) {
        if (!Objects.equals(topic.overrides().get(change.name()), change.desired())) {
          return false;
        }
      }
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", interrupted);
    }
  }

  private static NewTopic newTopic(TopicSpec spec) {
    Optional<Short> replicas =
        spec.replicationFactor() == null
            ? Optional.empty()
            : Optional.of(spec.replicationFactor().shortValue());
    return new NewTopic(spec.name(), Optional.of(spec.partitions()), replicas)
        .configs(spec.configs());
  }

  private static AlterConfigOp op(ConfigChange change) {
    if (change.desired() == null) {
      return new AlterConfigOp(new ConfigEntry(change.name(), ""), AlterConfigOp.OpType.DELETE);
    }
    return new AlterConfigOp(
        new ConfigEntry(change.name(), change.desired()), AlterConfigOp.OpType.SET);
  }

  private static <T extends TopicChange> List<T> only(TopicPlan plan, Class<T> type) {
    return plan.changes().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
