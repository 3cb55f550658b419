package io.userevents.service.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of a servlet service as {@code application/problem+json}: from handlers, from {@code
 * /error} dispatches and from Tomcat itself.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ProblemProperties.class)
@Import(ProblemHandler.class)
public class ProblemAutoConfiguration {

  @Bean
  ProblemResponseWriter problemResponseWriter(JsonMapper mapper, ProblemProperties properties) {
    return new ProblemResponseWriter(mapper, properties);
  }

  @Bean
  @ConditionalOnMissingBean(ErrorController.class)
  ProblemErrorController problemErrorController(ProblemResponseWriter problems) {
    return new ProblemErrorController(problems);
  }

  @Bean
  @ConditionalOnClass(name = "org.apache.catalina.core.StandardHost")
  ProblemWebServerCustomizer problemWebServerCustomizer(ProblemResponseWriter problems) {
    return new ProblemWebServerCustomizer(problems);
  }
}
