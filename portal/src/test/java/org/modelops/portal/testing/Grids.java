package org.modelops.portal.testing;

import com.vaadin.flow.component.grid.Grid;

/** Finds a grid's columns the way a user does: by the header they read. */
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
}
