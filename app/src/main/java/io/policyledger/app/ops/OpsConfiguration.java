package io.policyledger.app.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Outside the security filters, which check tokens against the database too. */
    @Bean
    FilterRegistrationBean<io.policyledger.app.database.DatabaseUnavailableFilter> databaseUnavailable() {
        FilterRegistrationBean<io.policyledger.app.database.DatabaseUnavailableFilter> bean =
                new FilterRegistrationBean<>(new io.policyledger.app.database.DatabaseUnavailableFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }

    /** Ahead of the security filters, so that refused writes are counted too. */
    @Bean
    FilterRegistrationBean<WriteMetrics> writeMetrics(MeterRegistry registry) {
        FilterRegistrationBean<WriteMetrics> bean = new FilterRegistrationBean<>(new WriteMetrics(registry));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }
}
