package io.userevents.admin.lag;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remembers each partition's committed offset from round to round. A partition is stalled when its
 * committed offset stayed the same while it had records to read for {@code stallAfter} rounds in a
 * row. Free of I/O; not thread-safe.
 */
final class StallTracker {

  /** A group's partition, ordered by group, topic and partition. */
  record Key(String group, String topic, int partition) implements Comparable<Key> {

    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::group).thenComparing(Key::topic).thenComparingInt(Key::partition);

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  private record Watch(long committed, int unchanged) {}

  private final int stallAfter;
  private Map<Key, Watch> watches = new HashMap<>();

  StallTracker(int stallAfter) {
    if (stallAfter < 1) {
      throw new IllegalArgumentException("stallAfter must be at least 1");
    }
    this.stallAfter = stallAfter;
  }

  /**
   * Takes one round and returns the flag of every partition whose lag is known. A group that could
   * not be read this round keeps what was known of it.
   */
  Map<Key, Boolean> observe(List<GroupLag> groups) {
    Map<Key, Watch> next = new HashMap<>();
    Set<String> unread =
        groups.stream()
            .filter(g -> g.error() != null)
            .map(GroupLag::group)
            .collect(Collectors.toSet());
    watches.forEach(
        (key, watch) -> {
          if (unread.contains(key.group())) {
            next.put(key, watch);
          }
        });
    Map<Key, Boolean> flags = new HashMap<>();
    for (GroupLag group : groups) {
      for (PartitionLag p : group.partitions()) {
        if (p.currentOffset() == null || p.lag() == null) {
          continue;
        }
        Key key = new Key(p.group(), p.topic(), p.partition());
        Watch previous = watches.get(key);
        boolean same = previous != null && previous.committed() == p.currentOffset();
        int unchanged = same && behind(p) ? previous.unchanged() + 1 : 0;
        next.put(key, new Watch(p.currentOffset(), unchanged));
        flags.put(key, unchanged >= stallAfter);
      }
    }
    watches = next;
    return flags;
  }

  /** Records to read; a partition whose rest is only transaction markers is not behind. */
  private static boolean behind(PartitionLag p) {
    return p.lag() != null && p.lag() > 0 && (p.lagMillis() == null || p.lagMillis() > 0);
  }
}
