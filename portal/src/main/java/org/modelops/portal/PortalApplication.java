package org.modelops.portal;

import java.net.URI;

import org.modelops.portal.governance.EventSubscriptionsApi;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.HttpEventSubscriptionsApi;
import org.modelops.portal.governance.HttpGovernanceApi;
import org.modelops.portal.governance.HttpMonitoringApi;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.security.AccessTokens;
import org.modelops.portal.shell.BackgroundWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.lumo.Lumo;

import tools.jackson.databind.json.JsonMapper;

/** The ModelOps governance portal: domain experts decide promotions, compliance officers review the trail. */
@SpringBootApplication
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("context://styles/portal.css")
@Meta(name = "description", content = "ModelOps governance portal")
public class PortalApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }

    @Bean
    BackgroundWork backgroundWork() {
        return task -> Thread.ofVirtual().name("portal-background-", 0).start(task);
    }

    @Bean
    GovernanceApi governanceApi(RestClient.Builder http, @Value("${portal.governance-url}") URI governanceUrl,
            AccessTokens tokens, JsonMapper json) {
        return new HttpGovernanceApi(http, governanceUrl, tokens, json);
    }

    @Bean
    MonitoringApi monitoringApi(RestClient.Builder http, @Value("${portal.governance-url}") URI governanceUrl,
            AccessTokens tokens, JsonMapper json) {
        return new HttpMonitoringApi(http, governanceUrl, tokens, json);
    }

    @Bean
    EventSubscriptionsApi eventSubscriptionsApi(RestClient.Builder http,
            @Value("${portal.governance-url}") URI governanceUrl, AccessTokens tokens, JsonMapper json) {
        return new HttpEventSubscriptionsApi(http, governanceUrl, tokens, json);
    }
}
