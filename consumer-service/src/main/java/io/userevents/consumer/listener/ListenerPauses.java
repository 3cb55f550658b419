package io.userevents.consumer.listener;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Backs off by pausing the listener container instead of sleeping in the consumer thread: the
 * consumer keeps polling (nothing is returned while paused), so a long hold neither exceeds {@code
 * max.poll.interval.ms} nor fences the member. Its own scheduler resumes the container, so the
 * application's task scheduler (if any) is not replaced.
 */
@Component
class ListenerPauses implements DisposableBean {

  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  private final BackOffHandler backOffHandler;

  ListenerPauses() {
    scheduler.setThreadNamePrefix("listener-resume-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    backOffHandler =
        new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler));
  }

  BackOffHandler backOffHandler() {
    return backOffHandler;
  }

  @Override
  public void destroy() {
    scheduler.shutdown();
  }
}
