package io.userevents.admin.topics;

import io.userevents.admin.cli.Table;
import io.userevents.admin.topics.TopicReport.ConfigValue;
import io.userevents.admin.topics.TopicReport.PartitionReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.jspecify.annotations.Nullable;

/** Prints what {@code topics describe} found as tables for people, or as one JSON document. */
final class DescribeRenderer {

  private static final String NOT_ON_TOPICS_HEADING =
      "ACLs not on a topic (groups, the cluster, transactional ids, ...):";

  private DescribeRenderer() {}

  /**
   * The document: {@code topics}, {@code acls} (per topic) and {@code nonTopicAcls}; both ACL
   * entries are empty when ACLs were not listed ({@code acls == null}).
   */
  static Map<String, Object> document(List<TopicReport> reports, @Nullable AclListing acls) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("command", "topics describe");
    document.put("topics", reports);
    Map<String, Object> byTopic = new LinkedHashMap<>();
    List<Map<String, Object>> notOnTopics = List.of();
    if (acls != null) {
      acls.byTopic().forEach((topic, list) -> byTopic.put(topic, maps(list)));
      notOnTopics = maps(acls.notOnTopics());
    }
    document.put("acls", byTopic);
    document.put("nonTopicAcls", notOnTopics);
    return document;
  }

  /**
   * One block per topic (partitions, configs, the ACLs that apply to it), then the ACLs not on a
   * topic; no ACL lines at all when ACLs were not listed ({@code acls == null}).
   */
  static void printText(List<TopicReport> reports, @Nullable AclListing acls, PrintWriter out) {
    for (TopicReport report : reports) {
      print(
          report, acls == null ? null : acls.byTopic().getOrDefault(report.name(), List.of()), out);
    }
    if (acls == null) {
      return;
    }
    if (acls.notOnTopics().isEmpty()) {
      out.println(NOT_ON_TOPICS_HEADING + " none");
    } else {
      out.println(NOT_ON_TOPICS_HEADING);
      acls.notOnTopics().forEach(binding -> out.println("  " + AclText.of(binding)));
    }
  }

  private static List<Map<String, Object>> maps(List<AclBinding> bindings) {
    return bindings.stream().map(AclText::map).toList();
  }

  private static void print(TopicReport report, @Nullable List<AclBinding> acls, PrintWriter out) {
    long unhealthy = report.partitions().stream().filter(p -> !p.flags().isEmpty()).count();
    out.printf(
        "Topic: %s  TopicId: %s  PartitionCount: %d  ReplicationFactor: %d"
            + "  min.insync.replicas: %d  UnhealthyPartitions: %d%n",
        report.name(),
        report.topicId(),
        report.partitionCount(),
        report.replicationFactor(),
        report.minInsyncReplicas(),
        unhealthy);
    Table partitions = new Table("  PARTITION", "LEADER", "REPLICAS", "ISR", "STATUS");
    for (PartitionReport partition : report.partitions()) {
      partitions.row(
          "  " + partition.partition(),
          partition.leader() == null ? "none" : partition.leader(),
          ids(partition.replicas()),
          ids(partition.isr()),
          partition.flags().isEmpty() ? "OK" : String.join(",", partition.flags()));
    }
    partitions.print(out);
    Table configs = new Table("  CONFIG", "VALUE", "SOURCE");
    for (ConfigValue config : report.configs()) {
      configs.row("  " + config.name(), config.value(), config.source());
    }
    if (!configs.isEmpty()) {
      out.println();
      configs.print(out);
    }
    if (acls != null) {
      out.println();
      out.println(acls.isEmpty() ? "  ACLs: none" : "  ACLs:");
      acls.forEach(binding -> out.println("    " + AclText.of(binding)));
    }
    out.println();
  }

  private static String ids(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
