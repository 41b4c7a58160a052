/* seg-presentation.c — presentation mode: full screen, one pane at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-presentation"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-panes.h"

#define PRESENTATION_SCALE 1.6

typedef struct
{
  const char   *title;
  const char   *colour_by;      /* NULL = the window's */
  SegChartKind  kinds[4];
  guint         n_kinds;
  gboolean      kpis_on_top;
  const char   *pane;          /* the window pane this slide presents */
} Slide;

static const Slide slides[] = {
  { N_("Overview"), NULL, { SEG_CHART_KPIS, SEG_CHART_SEGMENT_SIZES, SEG_CHART_PCA_SCATTER, SEG_CHART_SPEND_BY_SEGMENT }, 4, TRUE, "overview" },
  { N_("Segments"), "rules", { SEG_CHART_SEGMENT_TABLE, SEG_CHART_BOX }, 2, FALSE, "segments" },
  { N_("RFM"), "rfm", { SEG_CHART_RFM_GRID, SEG_CHART_RFM_SIZES }, 2, FALSE, "rfm" },
  { N_("Clusters"), "kmeans", { SEG_CHART_ELBOW, SEG_CHART_SILHOUETTE_K, SEG_CHART_PCA_SCATTER, SEG_CHART_PROFILE_HEATMAP }, 4, FALSE, "clusters" },
  { N_("Churn & value"), NULL, { SEG_CHART_CHURN_BY_SEGMENT, SEG_CHART_ROC, SEG_CHART_ODDS_RATIOS, SEG_CHART_CLV_BY_SEGMENT }, 4, FALSE, "churn" },
};

typedef struct
{
  GtkStack *stack;
  GtkLabel *title;
  GtkLabel *position;
  guint     current;
} Presentation;

static GtkWidget *
slide_view (SegWindow    *window,
            const Slide  *slide,
            SegChartKind  kind)
{
  GtkWidget *view = seg_chart_view_new (kind);

  seg_chart_view_set_scale (SEG_CHART_VIEW (view), PRESENTATION_SCALE);
  seg_chart_view_set_colour_by (SEG_CHART_VIEW (view), slide->colour_by);
  seg_chart_view_bind_window (SEG_CHART_VIEW (view), window, slide->colour_by == NULL);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "presentation-chart");
  return view;
}

static GtkWidget *
slide_page (SegWindow   *window,
            const Slide *slide)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *grid = gtk_grid_new ();
  guint first = 0, n_grid;

  if (slide->kpis_on_top)
    {
      GtkWidget *kpis = slide_view (window, slide, slide->kinds[0]);
      gtk_widget_set_vexpand (kpis, FALSE);
      gtk_widget_set_size_request (kpis, -1, 220);
      gtk_box_append (GTK_BOX (page), kpis);
      first = 1;
    }
  n_grid = slide->n_kinds - first;
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_vexpand (grid, TRUE);
  for (guint i = 0; i < n_grid; i++)
    {
      guint columns = n_grid == 4 ? 2 : n_grid;
      gtk_grid_attach (GTK_GRID (grid), slide_view (window, slide, slide->kinds[first + i]),
                       (int) (i % columns), (int) (i / columns), 1, 1);
    }
  gtk_box_append (GTK_BOX (page), grid);
  return page;
}

static void
show_slide (Presentation *p,
            guint         index)
{
  g_autofree char *name = g_strdup_printf ("%u", index);
  g_autofree char *position = g_strdup_printf (_("%u of %u · ← → to move · Esc to leave"),
                                               index + 1, (guint) G_N_ELEMENTS (slides));

  p->current = index;
  gtk_stack_set_visible_child_name (p->stack, name);
  gtk_label_set_label (p->title, _(slides[index].title));
  gtk_label_set_label (p->position, position);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWindow             *window)
{
  Presentation *p = g_object_get_data (G_OBJECT (window), "seg-presentation");
  guint n = G_N_ELEMENTS (slides);

  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_window_destroy (window);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_Page_Down: case GDK_KEY_space:
      show_slide (p, (p->current + 1) % n);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace:
      show_slide (p, (p->current + n - 1) % n);
      return TRUE;
    case GDK_KEY_Home:
      show_slide (p, 0);
      return TRUE;
    case GDK_KEY_End:
      show_slide (p, n - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

GtkWidget *
seg_presentation_new (SegWindow *window)
{
  GtkWidget *win = adw_window_new ();
  Presentation *p = g_new0 (Presentation, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_object_set_data_full (G_OBJECT (win), "seg-presentation", p, g_free);
  gtk_window_set_title (GTK_WINDOW (win), _("Segmenta Presentation"));
  gtk_window_set_transient_for (GTK_WINDOW (win), GTK_WINDOW (window));
  gtk_widget_add_css_class (win, "presentation");
  p->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (p->title), "presentation-title");
  gtk_label_set_xalign (p->title, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (p->title), TRUE);
  p->position = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (p->position), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (p->title));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (p->position));
  gtk_box_append (GTK_BOX (box), header);

  p->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (p->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (p->stack), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (slides); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i);
      gtk_stack_add_named (p->stack, slide_page (window, &slides[i]), name);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->stack));
  gtk_widget_add_css_class (box, "presentation-content");
  adw_window_set_content (ADW_WINDOW (win), box);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), win);
  gtk_widget_add_controller (win, keys);
  /* start where the user is */
  for (guint i = 0; i < G_N_ELEMENTS (slides); i++)
    if (g_strcmp0 (slides[i].pane, seg_window_get_visible_pane (window)) == 0)
      p->current = i;
  show_slide (p, p->current);
  gtk_window_fullscreen (GTK_WINDOW (win));
  return win;
}
