/* seg-chart-table.h — a segment summary table drawn with cairo (exports, PDF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *title;
  const char        *subtitle;
  guint              n_rows;
  guint              n_cols;
  const char *const *headers;     /* n_cols */
  const char *const *cells;       /* n_rows × n_cols, row-major, already formatted */
  const gboolean    *numeric;     /* n_cols: right-aligned; NULL = all but the first */
  const int         *row_groups;  /* colour swatch per row, or NULL */
  gboolean           fill;        /* the rows share the whole height (slides) */
} SegTableData;

void     seg_chart_table_draw (cairo_t             *cr,
                               double               width,
                               double               height,
                               const SegTableData  *data,
                               const SegChartStyle *style);

/* TRUE when every row shows at @width × @height and no column is
 * squeezed below its longest word (slides grow the type up to that). */
gboolean seg_chart_table_fits   (const SegTableData  *data,
                                 const SegChartStyle *style,
                                 double               width,
                                 double               height);

/* The height at which all @data->n_rows rows show at @width (the PDF
 * report splits long tables across pages with it). */
double   seg_chart_table_height (const SegTableData  *data,
                                 const SegChartStyle *style,
                                 double               width);

/* index = row, row and col set, group = the row's group; the tooltip lists
 * the whole row (cells may be ellipsized on screen). */
gboolean seg_chart_table_hit  (double               width,
                               double               height,
                               const SegTableData  *data,
                               const SegChartStyle *style,
                               double               x,
                               double               y,
                               SegChartHit         *hit);

gboolean seg_chart_table_item (double               width,
                               double               height,
                               const SegTableData  *data,
                               const SegChartStyle *style,
                               guint                i,
                               SegChartHit         *hit);

G_END_DECLS
