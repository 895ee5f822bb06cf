package com.personifi.app;

import com.personifi.app.cli.ImportCommandLine;
import com.personifi.app.local.LocalStackLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Every module in one JVM: API, ingest, streams, batch jobs and connectors. Without a profile it runs the local
 * profile on an embedded Kafka, PostgreSQL and Redis; other modules' own main classes are left out of the scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("com.personifi")
@ComponentScan(basePackages = "com.personifi", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "com\\.personifi\\.(api|streams|batch|connectors)\\.[A-Za-z]+Application")})
public class PersonifiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ImportCommandLine.COMMAND)) {
            // a client of a running platform: nothing of the platform starts
            ImportCommandLine.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication application = new SpringApplication(PersonifiApplication.class);
        LocalStackLauncher.startIfLocal(application, args);
        application.run(args);
    }
}
