package io.userevents.consumer.projection;

import io.userevents.consumer.ConsumerSettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link ProcessedEventsPruner} every {@code processed-events.prune-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PruningSchedule implements SchedulingConfigurer {

  private final ProcessedEventsPruner pruner;
  private final ConsumerSettings settings;

  PruningSchedule(ProcessedEventsPruner pruner, ConsumerSettings settings) {
    this.pruner = pruner;
    this.settings = settings;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(pruner::pruneExpired, settings.processedEvents().pruneInterval());
  }
}
