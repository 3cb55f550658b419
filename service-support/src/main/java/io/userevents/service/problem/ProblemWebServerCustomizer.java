package io.userevents.service.problem;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes Tomcat report the errors it raises itself as problems: the host gets our valve instance,
 * and naming its class as the host's error report valve keeps Tomcat from adding its own.
 */
class ProblemWebServerCustomizer
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

  private final ProblemResponseWriter problems;

  ProblemWebServerCustomizer(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorReportValve(problems));
          }
        });
  }
}
