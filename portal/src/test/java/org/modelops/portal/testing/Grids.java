package org.modelops.portal.testing;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.ComponentRenderer;

/** Reads a grid the way a user does: columns by the header they read, the components shown in a row. */
public final class Grids {

    private Grids() {
    }

    public static int column(Grid<?> grid, String header) {
        var columns = grid.getColumns();
        for (var i = 0; i < columns.size(); i++) {
            if (header.equals(columns.get(i).getHeaderText())) {
                return i;
            }
        }
        throw new AssertionError("no column headed '" + header + "' in grid " + grid.getId().orElse(""));
    }

    /** The components of the row's component columns, left to right, of the given type. */
    public static <T extends Component> List<T> components(BrowserlessUIContext ui, Grid<?> grid, int row,
            Class<T> type) {
        var tester = ui.test(grid);
        var found = new ArrayList<T>();
        var columns = grid.getColumns();
        for (var i = 0; i < columns.size(); i++) {
            if (columns.get(i).getRenderer() instanceof ComponentRenderer<?, ?>
                    && type.isInstance(tester.getCellComponent(row, i))) {
                found.add(type.cast(tester.getCellComponent(row, i)));
            }
        }
        return found;
    }
}
