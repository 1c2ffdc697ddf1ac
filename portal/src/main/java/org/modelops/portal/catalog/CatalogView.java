package org.modelops.portal.catalog;

import org.modelops.portal.governance.CatalogFilter;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.ModelSummary;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.monitoring.Health;
import org.modelops.portal.shell.LazyPages;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;

/** Every registered model, searchable by name or description and filtered by risk tier and version state. */
@Route("models")
@PageTitle("Models · ModelOps")
@PermitAll
public class CatalogView extends VerticalLayout {

    public static final String ANY = "any";
    /** The service's lifecycle states, in the order a version meets them. */
    public static final String[] STATES = {ANY, "REGISTERED", "VALIDATING", "CHALLENGING", "PENDING_APPROVAL",
            "APPROVED",
            "ROLLING_OUT", "CHAMPION", "SUPERSEDED", "REJECTED", "ROLLED_BACK", "RETIRED"};

    private final GovernanceApi governance;
    private final TextField search = new TextField("Search");
    private final Select<String> riskTier = new Select<>();
    private final Select<String> state = new Select<>();
    private final Grid<ModelSummary> models = new Grid<>(ModelSummary.class, false);
    private final Paragraph problem = new Paragraph();

    private final MonitoringApi monitoring;
    private final java.util.Map<String, MonitoringOverview> health = new java.util.HashMap<>();

    public CatalogView(GovernanceApi governance, MonitoringApi monitoring) {
        this.governance = governance;
        this.monitoring = monitoring;
        addClassName("page");

        search.setId("catalog-search");
        search.setPlaceholder("name or description");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        riskTier.setLabel("Risk tier");
        riskTier.setId("catalog-risk-tier");
        riskTier.setItems(ANY, "LOW", "MEDIUM", "HIGH");
        riskTier.setValue(ANY);
        state.setLabel("Has a version that is");
        state.setId("catalog-state");
        state.setItems(STATES);
        state.setItemLabelGenerator(s -> s.replace('_', ' ').toLowerCase());
        state.setValue(ANY);
        search.addValueChangeListener(e -> {
            health.clear();
            models.getDataProvider().refreshAll();
        });
        riskTier.addValueChangeListener(e -> {
            health.clear();
            models.getDataProvider().refreshAll();
        });
        state.addValueChangeListener(e -> {
            health.clear();
            models.getDataProvider().refreshAll();
        });

        models.setId("catalog");
        models.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        models.addComponentColumn(model -> new RouterLink(model.name(), ModelView.class, model.name()))
                .setHeader("Model")
                .setAutoWidth(true)
                .setFlexGrow(0);
        models.addComponentColumn(model -> Badges.riskTier(model.riskTier())).setHeader("Risk").setAutoWidth(true);
        models.addColumn(ModelSummary::description).setHeader("Description").setFlexGrow(3);
        models.addColumn(ModelSummary::ownerTeam).setHeader("Owner team").setAutoWidth(true);
        models.addColumn(model -> model.latestVersion() == null || model.latestVersion() < 1
                ? "none"
                : "v" + model.latestVersion())
                .setHeader("Latest")
                .setAutoWidth(true);
        models.addComponentColumn(model -> Health.serving(health(model.name())))
                .setHeader("Health")
                .setAutoWidth(true);
        models.setItems(query -> {
            try {
                problem.setText("");
                return LazyPages.fetch(query.getOffset(), query.getLimit(),
                        (page, size) -> governance.models(filter(), page, size));
            } catch (RuntimeException e) {
                problem.setText(Feedback.explain(e));
                return java.util.stream.Stream.empty();
            }
        }, query -> {
            try {
                return (int) Math.min(Integer.MAX_VALUE, governance.models(filter(), 0, 1).total());
            } catch (RuntimeException e) {
                return 0;
            }
        });
        models.setPageSize(50);

        var filters = new HorizontalLayout(search, riskTier, state);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Models"), filters, problem, models);
        setSizeFull();
        models.setMinHeight("20em");
        expand(models);
    }

    /** What serves the model and how it does; a model the service judged nothing for has no monitoring data. */
    private MonitoringOverview health(String model) {
        // One answer per model for as long as the grid shows the same rows (a row re-renders when scrolled back).
        return health.computeIfAbsent(model, name -> {
            try {
                return monitoring.overview(name);
            } catch (RuntimeException e) {
                return MonitoringOverview.none(name); // said as "no monitoring data", never as healthy
            }
        });
    }

    CatalogFilter filter() {
        return new CatalogFilter(search.getValue(), any(riskTier.getValue()), any(state.getValue()));
    }

    private static String any(String value) {
        return value == null || ANY.equals(value) ? null : value;
    }
}
