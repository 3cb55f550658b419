package io.userevents.consumer.support;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** A class that counts every construction and Java deserialization of itself. */
public class InstantiationCanary implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
  public static final AtomicInteger DESERIALIZED = new AtomicInteger();

  public String name = "gadget";

  public InstantiationCanary() {
    CONSTRUCTED.incrementAndGet();
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    DESERIALIZED.incrementAndGet();
    in.defaultReadObject();
  }
}
