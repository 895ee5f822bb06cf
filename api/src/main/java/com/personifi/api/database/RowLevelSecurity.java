package com.personifi.api.database;

import java.io.IOException;

import javax.sql.DataSource;

import com.personifi.api.auth.CurrentUser;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts every request of a signed-in person under PostgreSQL row-level security as that person: the data source is
 * wrapped, and a filter after authentication sets the person for the rest of the request (and for threads the
 * request's work moves to, by context propagation).
 */
@Configuration(proxyBeanMethods = false)
class RowLevelSecurity {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(DatabaseUser.CONTEXT_KEY, DatabaseUser.CURRENT);
    }

    @Bean
    static BeanPostProcessor userScopedDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // the application's own database only: no other has the role
                return beanName.equals("dataSource") && bean instanceof DataSource dataSource
                        && !(bean instanceof UserScopedDataSource) ? new UserScopedDataSource(dataSource) : bean;
            }
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

    static final class ActAsSignedInUser extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
                try (DatabaseUser.Scope ignored = DatabaseUser.actAs(user.id())) {
                    chain.doFilter(request, response);
                }
            } else {
                chain.doFilter(request, response);
            }
        }
    }
}
