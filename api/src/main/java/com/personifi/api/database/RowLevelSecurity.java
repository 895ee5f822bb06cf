package com.personifi.api.database;

import java.io.IOException;
import java.util.UUID;

import javax.sql.DataSource;

import com.personifi.api.auth.CurrentUser;
import com.personifi.ingest.job.ImportRunScope;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.context.ContextRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Puts every request of a signed-in person under PostgreSQL row-level security as that person: the data source is
 * wrapped, a filter after authentication sets the person for the rest of the request's thread, and every GraphQL
 * field fetch (over HTTP or the WebSocket) sets it from the execution's context. Work a request hands to a thread of
 * its own acts for the person too: a background import ({@link ImportRunScope}) and the progress events it streams.
 */
@Configuration(proxyBeanMethods = false)
class RowLevelSecurity {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(DatabaseUser.CONTEXT_KEY, DatabaseUser.CURRENT);
    }

    @Bean
    static BeanPostProcessor userScopedDataSource() {
        // first, so whatever else wraps the data source sees connections already acting for the person
        return new OrderedBeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // the application's own database only: no other has the role
                return beanName.equals("dataSource") && bean instanceof DataSource dataSource
                        && !(bean instanceof UserScopedDataSource) ? new UserScopedDataSource(dataSource) : bean;
            }
        };
    }

    /** A background import works for the person who uploaded the file, as the upload request did. */
    @Bean
    ImportRunScope importsWorkForTheUploader() {
        return userId -> {
            DatabaseUser.Scope scope = DatabaseUser.actAs(userId);
            return scope::close;
        };
    }

    @Bean
    FilterRegistrationBean<ActAsSignedInUser> actAsSignedInUser() {
        FilterRegistrationBean<ActAsSignedInUser> registration = new FilterRegistrationBean<>(new ActAsSignedInUser());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        // after security has found the user, before anything that reads the database for them
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 300);
        return registration;
    }

    /**
     * Over the WebSocket, and wherever a controller runs inside a reactive argument resolution, GraphQL work does not
     * run on the request's thread: each field fetch acts for the person the execution's context names (it is put
     * there from the request's thread, or by the WebSocket authentication).
     */
    @Bean
    Instrumentation actAsSignedInUserInDataFetchers() {
        return new SimplePerformantInstrumentation() {
            @Override
            public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher,
                                                        InstrumentationFieldFetchParameters parameters,
                                                        InstrumentationState state) {
                if (parameters.isTrivialDataFetcher()) {
                    return fetcher;
                }
                return environment -> {
                    Object user = environment.getGraphQlContext().get(DatabaseUser.CONTEXT_KEY);
                    if (!(user instanceof UUID userId) || userId.equals(DatabaseUser.CURRENT.get())) {
                        return fetcher.get(environment);
                    }
                    try (DatabaseUser.Scope ignored = DatabaseUser.actAs(userId)) {
                        return fetcher.get(environment);
                    }
                };
            }
        };
    }

    private interface OrderedBeanPostProcessor extends BeanPostProcessor, PriorityOrdered {
        @Override
        default int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    static final class ActAsSignedInUser extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        /**
         * Sign-up, sign-in and refresh look at everyone's logins and tokens, and the payment callbacks and SMS
         * forwarders at every feed: they act for no one, whatever bearer token a client happens to send along (an
         * SMS forwarder then acts for its owner once its secret is checked).
         */
        private static boolean actsForNoOne(HttpServletRequest request) {
            // decoded, as security and the controllers see it: %66orwarders is forwarders to them
            String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
            return path.startsWith("/api/v1/auth/") || path.startsWith("/api/v1/feeds/mm/")
                    || (path.startsWith("/api/v1/feeds/mpesa/") && !path.equals("/api/v1/feeds/mpesa"))
                    || (path.startsWith("/api/v1/feeds/sms/") && !path.startsWith("/api/v1/feeds/sms/forwarders"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                    && !actsForNoOne(request)) {
                try (DatabaseUser.Scope ignored = DatabaseUser.actAs(user.id())) {
                    chain.doFilter(request, response);
                }
            } else {
                chain.doFilter(request, response);
            }
        }
    }
}
