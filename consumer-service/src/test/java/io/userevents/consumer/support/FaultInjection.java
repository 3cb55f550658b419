package io.userevents.consumer.support;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts a {@link FaultInjectingDataSource} around the application's data source. */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

  @Bean
  static BeanPostProcessor faultInjectingDataSourcePostProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource
            && !(bean instanceof FaultInjectingDataSource)
            && "dataSource".equals(beanName)) {
          return new FaultInjectingDataSource(dataSource);
        }
        return bean;
      }
    };
  }
}
