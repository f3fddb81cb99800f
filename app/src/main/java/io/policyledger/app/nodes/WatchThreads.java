package io.policyledger.app.nodes;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Streamed responses (watches) each hold a thread for as long as the agent stays connected: they get
 * their own threads, not the application's small shared pool (where the ninth agent would wait for one
 * of the first eight to leave), and no request timeout (a watch ends by its own timeoutSeconds).
 */
@Configuration(proxyBeanMethods = false)
class WatchThreads implements WebMvcConfigurer {

    /** Far above a fleet's agents per instance; past it a watch is refused rather than the JVM starved. */
    private static final int MAX_WATCHES = 4096;

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("watch-");
        executor.setConcurrencyLimit(MAX_WATCHES);
        // Past the limit a watch is refused (503), not queued behind a request thread.
        executor.setRejectTasksWhenLimitReached(true);
        executor.setDaemon(true);
        configurer.setTaskExecutor(executor);
        configurer.setDefaultTimeout(-1);
    }
}
