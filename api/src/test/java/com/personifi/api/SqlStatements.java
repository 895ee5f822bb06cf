package com.personifi.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the statements the API prepares, through a DataSource that watches every connection it hands out: a test
 * imports this and asks how many statements containing some SQL ran while it did something, to catch N+1 queries.
 */
@TestConfiguration
public class SqlStatements {

    /** Statements containing {@code fragment} prepared since it was made. */
    public static final class Counter {

        private final String fragment;
        private final AtomicInteger count = new AtomicInteger();

        private Counter(String fragment) {
            this.fragment = fragment;
        }

        public int count() {
            return count.get();
        }
    }

    private static final List<Counter> COUNTERS = new CopyOnWriteArrayList<>();

    public static Counter counting(String fragment) {
        Counter counter = new Counter(fragment);
        COUNTERS.add(counter);
        return counter;
    }

    @Bean
    static BeanPostProcessor countStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource)) {
                    return bean;
                }
                return Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            Object result = invoke(method, dataSource, args);
                            return result instanceof Connection connection ? counting(connection) : result;
                        });
            }
        };
    }

    private static Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
                        COUNTERS.stream().filter(c -> sql.contains(c.fragment)).forEach(c -> c.count.incrementAndGet());
                    }
                    return invoke(method, connection, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
