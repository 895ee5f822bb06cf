package com.personifi.testing;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the shared {@link TestStack}. Registered in META-INF/spring.factories, so a
 * module's tests get real Kafka, PostgreSQL and Redis by depending on this test-jar.
 */
public class SharedStackContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new SharedStackContextCustomizer();
    }

    private static final class SharedStackContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                                     MergedContextConfiguration mergedConfig) {
            TestStack.Endpoints stack = TestStack.get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("personifiTestStack", Map.of(
                    "spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                    "spring.datasource.url", stack.jdbcUrl(),
                    "spring.datasource.username", stack.jdbcUser(),
                    "spring.datasource.password", stack.jdbcPassword(),
                    "spring.data.redis.url", stack.redisUrl())));
            if (TestStack.usesContainers() && context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
                registry.registerBeanDefinition("personifiContainersStack",
                        new RootBeanDefinition(ContainersStackConfiguration.class));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SharedStackContextCustomizer;
        }

        @Override
        public int hashCode() {
            return SharedStackContextCustomizer.class.hashCode();
        }
    }
}
