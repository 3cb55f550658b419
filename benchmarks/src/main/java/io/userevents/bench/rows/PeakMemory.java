package io.userevents.bench.rows;

import java.util.ArrayList;
import java.util.List;

/** Row 7's observations: the peak RSS of each service process, collected by rows 1 and 4. */
public final class PeakMemory {

  private final List<Double> producerMb = new ArrayList<>();
  private final List<Double> consumerMb = new ArrayList<>();

  public synchronized void producer(double mb) {
    producerMb.add(mb);
  }

  public synchronized void consumer(double mb) {
    consumerMb.add(mb);
  }

  public synchronized List<Double> producerMb() {
    return List.copyOf(producerMb);
  }

  public synchronized List<Double> consumerMb() {
    return List.copyOf(consumerMb);
  }
}
