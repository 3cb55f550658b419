package io.userevents.bench.noop;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Row 5's no-op sink, appended by the harness to the class path of an unchanged consumer-service
 * (and registered as an auto-configuration there): it wraps the projection bean so that {@code
 * Projection.apply(List<UserEvent>)} reports every event as applied without touching the database.
 * Everything in front of it (container, deserialization, record checks, metrics, offset commits) is
 * the service's own. Written against the service by name only, so that the harness does not compile
 * against the service's internals.
 */
@AutoConfiguration
public class NoopSinkAutoConfiguration {

  static final String PROJECTION = "io.userevents.consumer.projection.Projection";
  static final String APPLY_RESULT = "io.userevents.consumer.projection.ApplyResult";
  static final String EVENT_OUTCOME = APPLY_RESULT + "$EventOutcome";
  static final String OUTCOME = "io.userevents.consumer.projection.Outcome";

  @Bean
  static BeanPostProcessor noopProjection() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!bean.getClass().getName().equals(PROJECTION)) {
          return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(discardApply(bean.getClass().getClassLoader()));
        System.out.println("BENCH no-op sink: " + PROJECTION + ".apply discards every event");
        return proxy.getProxy(bean.getClass().getClassLoader());
      }
    };
  }

  private static MethodInterceptor discardApply(ClassLoader loader) {
    try {
      Class<?> eventOutcome = Class.forName(EVENT_OUTCOME, true, loader);
      Class<?> applyResult = Class.forName(APPLY_RESULT, true, loader);
      Class<?> outcome = Class.forName(OUTCOME, true, loader);
      Constructor<?> newEventOutcome = eventOutcome.getDeclaredConstructors()[0];
      Constructor<?> newApplyResult = applyResult.getDeclaredConstructor(List.class, Instant.class);
      Object applied = outcome.getMethod("valueOf", String.class).invoke(null, "APPLIED");
      return invocation -> {
        Method method = invocation.getMethod();
        if (!method.getName().equals("apply") || invocation.getArguments().length != 1) {
          return invocation.proceed();
        }
        List<?> events = (List<?>) invocation.getArguments()[0];
        List<Object> outcomes = new ArrayList<>(events.size());
        for (Object event : events) {
          outcomes.add(newEventOutcome.newInstance(event, applied));
        }
        return newApplyResult.newInstance(outcomes, Instant.now());
      };
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("consumer-service's projection API changed", e);
    }
  }
}
