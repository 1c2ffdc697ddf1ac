package org.modelops.portal.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

import org.modelops.portal.PortalApplication;
import org.modelops.portal.governance.EventSubscriptionsApi;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.security.CurrentUser;
import org.modelops.portal.shell.BackgroundWork;

import com.vaadin.browserless.BrowserlessApplicationContext;
import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.browserless.internal.Routes;
import com.vaadin.browserless.internal.UIFactory;
import com.vaadin.browserless.mocks.MockService;
import com.vaadin.browserless.mocks.MockVaadinServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;

/**
 * The portal without a browser and without Spring: its routes and {@code @Layout} registered from the application's
 * packages, every view and layout built through its constructor with the given {@link GovernanceApi} and
 * {@link CurrentUser}, as Spring would inject them. One user, one window; close it after the test.
 */
public final class PortalUi implements AutoCloseable {

    private final BrowserlessApplicationContext app;
    private final BrowserlessUIContext ui;

    private PortalUi(GovernanceApi governance, CurrentUser user, BackgroundWork background, MonitoringApi monitoring,
            EventSubscriptionsApi subscriptions) {
        var beans = Map.<Class<?>, Object>of(GovernanceApi.class, governance, CurrentUser.class, user,
                BackgroundWork.class, background, MonitoringApi.class, monitoring, EventSubscriptionsApi.class,
                subscriptions);
        app = BrowserlessApplicationContext.create(builder -> builder
                .withViewPackages(PortalApplication.class.getPackageName())
                .withServletFactory((routes, uiFactory) -> new Servlet(routes, uiFactory, beans)));
        ui = app.newUser().newWindow();
    }

    /** The portal as {@code user} sees it, talking to {@code governance}. */
    public static PortalUi as(CurrentUser user, GovernanceApi governance) {
        // Background work runs at once; what it hands to UI.access runs with the same round trip.
        return new PortalUi(governance, user, Runnable::run, new FakeMonitoringApi(),
                new FakeEventSubscriptionsApi());
    }

    /** The same, with the service's monitoring and event subscriptions as the test put them. */
    public static PortalUi as(CurrentUser user, GovernanceApi governance, MonitoringApi monitoring,
            EventSubscriptionsApi subscriptions) {
        return new PortalUi(governance, user, Runnable::run, monitoring, subscriptions);
    }

    /** The same, with background work run when the test says so. */
    public static PortalUi as(CurrentUser user, GovernanceApi governance, BackgroundWork background) {
        return new PortalUi(governance, user, background, new FakeMonitoringApi(), new FakeEventSubscriptionsApi());
    }

    public BrowserlessUIContext ui() {
        return ui;
    }

    @Override
    public void close() {
        try {
            ui.close();
        } finally {
            app.close();
        }
    }

    /** The mock servlet of the test library, with a service whose instantiator injects the beans. */
    private static final class Servlet extends MockVaadinServlet {

        private final transient Map<Class<?>, Object> beans;

        Servlet(Routes routes, UIFactory uiFactory, Map<Class<?>, Object> beans) {
            super(routes, uiFactory);
            this.beans = beans;
        }

        @Override
        protected VaadinServletService createServletService(DeploymentConfiguration configuration) {
            var service = new MockService(this, configuration, getUiFactory()) {
                @Override
                protected Instantiator createInstantiator() {
                    return new ConstructorInjection(this, beans);
                }
            };
            try {
                service.init();
            } catch (ServiceException e) {
                throw new IllegalStateException(e);
            }
            getRoutes().register((VaadinServletContext) service.getContext());
            return service;
        }
    }

    /**
     * Builds the portal's own classes through their public constructor with the most parameters, passing the beans
     * by parameter type; everything else (Vaadin's classes) as Vaadin would.
     */
    static final class ConstructorInjection extends DefaultInstantiator {

        private final transient Map<Class<?>, Object> beans;

        ConstructorInjection(VaadinService service, Map<Class<?>, Object> beans) {
            super(service);
            this.beans = beans;
        }

        @Override
        public <T> T getOrCreate(Class<T> type) {
            if (!type.getName().startsWith(PortalApplication.class.getPackageName() + ".")) {
                return super.getOrCreate(type);
            }
            var constructor = Arrays.stream(type.getConstructors())
                    .max(Comparator.comparingInt(Constructor::getParameterCount))
                    .orElseThrow(() -> new IllegalStateException(type + " has no public constructor"));
            var arguments = Arrays.stream(constructor.getParameterTypes()).map(parameter -> {
                var bean = beans.get(parameter);
                if (bean == null) {
                    throw new IllegalStateException(type.getSimpleName() + " needs a " + parameter.getName()
                            + ", which the test does not provide");
                }
                return bean;
            }).toArray();
            try {
                return type.cast(constructor.newInstance(arguments));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <T extends Component> T createComponent(Class<T> type) {
            return getOrCreate(type);
        }
    }
}
