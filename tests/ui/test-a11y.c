/* test-a11y.c — the window through the accessibility tree and the keyboard:
 * every chart has a role, a name and a description with its figures; the
 * arrow keys walk a chart's items with the tooltip's words; Tab reaches
 * the key figures, the rule editor and the customer table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "seg-chart-view.h"
#include "seg-customer-table.h"
#include "seg-rule-editor.h"
#include "ui-test-helpers.h"

static void
collect_views (GtkWidget *widget,
               GPtrArray *views)
{
  if (SEG_IS_CHART_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_views (c, views);
}

static gboolean
views_drawn (gpointer data)
{
  GPtrArray *views = data;

  for (guint i = 0; i < views->len; i++)
    if (gtk_widget_get_mapped (views->pdata[i]) && !seg_chart_view_is_drawn (views->pdata[i]))
      return FALSE;
  return TRUE;
}

static GPtrArray *
visible_views (SegWindow  *window,
               const char *pane)
{
  GPtrArray *all = g_ptr_array_new ();
  GPtrArray *views = g_ptr_array_new ();

  seg_window_show_pane (window, pane);
  ui_spin (0.1);
  collect_views (GTK_WIDGET (window), all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]))
      g_ptr_array_add (views, all->pdata[i]);
  g_ptr_array_unref (all);
  g_assert_true (ui_wait_until (views_drawn, views, 30));
  return views;
}

/* Every chart on every pane: role image, the chart's title as its name,
 * a description that starts with the title and goes on with figures. */
static void
test_chart_names (void)
{
  const char *panes[] = { "overview", "segments", "rfm", "clusters", "churn" };
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 1400, 900);
  const SegSegmentation *rules = seg_result_get_rules (seg_window_get_result (window));
  guint n_charts = 0;
  gboolean sizes_read = FALSE;

  g_assert_nonnull (rules);
  for (guint p = 0; p < G_N_ELEMENTS (panes); p++)
    {
      g_autoptr(GPtrArray) views = visible_views (window, panes[p]);

      g_assert_cmpuint (views->len, >, 0);
      for (guint i = 0; i < views->len; i++)
        {
          SegChartView *view = views->pdata[i];
          GtkAccessible *acc = GTK_ACCESSIBLE (view);
          const char *description = seg_chart_view_get_description (view);
          g_autofree char *diff = NULL;

          gtk_test_accessible_assert_role (acc, GTK_ACCESSIBLE_ROLE_IMG);
          g_assert_true (gtk_test_accessible_has_property (acc, GTK_ACCESSIBLE_PROPERTY_LABEL));
          g_assert_true (gtk_test_accessible_has_property (acc, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
          g_assert_nonnull (description);
          diff = gtk_test_accessible_check_property (acc, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
          g_assert_null (diff);
          /* more than a title: what it shows, in words */
          g_assert_nonnull (strchr (description, ':'));
          g_assert_cmpuint (strlen (strchr (description, ':')), >, 8);
          if (seg_chart_view_get_kind (view) == SEG_CHART_SEGMENT_SIZES &&
              g_strcmp0 (seg_chart_view_get_effective_colour_by (view), "rules") == 0)
            {
              /* "Segment sizes (…): New Customer 22, Inactive Customer 63, …" */
              g_autofree char *diff_name = gtk_test_accessible_check_property (acc, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                                "Segment sizes");
              g_assert_null (diff_name);
              g_assert_true (g_str_has_prefix (description, "Segment sizes"));
              for (guint s = 0; s < rules->n_segments; s++)
                {
                  g_autofree char *words = g_strdup_printf ("%s %u", rules->segments[s].name,
                                                            rules->segments[s].customers);
                  g_assert_nonnull (strstr (description, words));
                }
              sizes_read = TRUE;
            }
          n_charts++;
        }
    }
  g_assert_true (sizes_read);
  g_assert_cmpuint (n_charts, >=, 12);
  ui_close_window (window, app);
}

static SegChartView *
find_view (GPtrArray    *views,
           SegChartKind  kind)
{
  for (guint i = 0; i < views->len; i++)
    if (seg_chart_view_get_kind (views->pdata[i]) == kind)
      return views->pdata[i];
  return NULL;
}

/* The arrows move over the bars (and a heat map's cells); what the
 * keyboard is on reads like the tooltip there, and names the chart. */
static void
check_walk (SegChartView *view,
            guint         expect_items)
{
  GtkAccessible *acc = GTK_ACCESSIBLE (view);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int last = -1;

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  g_assert_cmpint (seg_chart_view_get_focus_item (view), ==, -1);
  for (guint k = 0; k < expect_items + 2; k++)
    {
      g_autofree char *text = NULL;
      g_autofree char *tip = NULL;
      g_autofree char *diff = NULL;
      g_autofree char *name = NULL;
      double x, y;
      GString *line;

      g_assert_true (seg_chart_view_move_focus (view, GDK_KEY_Right));
      if (seg_chart_view_get_focus_item (view) == last)
        break;   /* the last item: Right stays */
      last = seg_chart_view_get_focus_item (view);
      text = seg_chart_view_dup_focus_text (view);
      g_assert_nonnull (text);
      /* the same words as the pointer gets there */
      g_assert_true (seg_chart_view_get_focus_point (view, &x, &y));
      tip = seg_chart_view_dup_tooltip_at (view, x, y);
      g_assert_cmpstr (text, ==, tip);
      /* and the screen reader gets them as the chart's name */
      line = g_string_new (text);
      g_string_replace (line, "\n", ", ", 0);
      name = g_strdup_printf ("%s — %s", line->str, seg_chart_kind_title (seg_chart_view_get_kind (view)));
      g_string_free (line, TRUE);
      diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (acc), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      if (diff != NULL)
        g_error ("%s", diff);
      g_ptr_array_add (texts, g_steal_pointer (&text));
    }
  g_assert_cmpuint (texts->len, ==, expect_items);
  for (guint a = 0; a < texts->len; a++)
    for (guint b = a + 1; b < texts->len; b++)
      g_assert_cmpstr (texts->pdata[a], !=, texts->pdata[b]);
  /* Left goes back, Home to the first, End to the last, Escape leaves */
  g_assert_true (seg_chart_view_move_focus (view, GDK_KEY_Left));
  g_assert_cmpint (seg_chart_view_get_focus_item (view), <, last);
  g_assert_true (seg_chart_view_move_focus (view, GDK_KEY_Home));
  {
    g_autofree char *first = seg_chart_view_dup_focus_text (view);
    g_assert_cmpstr (first, ==, texts->pdata[0]);
  }
  g_assert_true (seg_chart_view_move_focus (view, GDK_KEY_End));
  g_assert_cmpint (seg_chart_view_get_focus_item (view), ==, last);
  g_assert_false (seg_chart_view_move_focus (view, GDK_KEY_a));
}

static void
test_keyboard_items (void)
{
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 1400, 900);
  const SegSegmentation *rules = seg_result_get_rules (seg_window_get_result (window));
  const SegClusters *clusters = seg_result_get_clusters (seg_window_get_result (window));
  g_autoptr(GPtrArray) overview = visible_views (window, "overview");
  g_autoptr(GPtrArray) cluster_views = NULL;
  SegChartView *sizes = find_view (overview, SEG_CHART_SEGMENT_SIZES);
  SegChartView *heat;
  int item;

  g_assert_nonnull (sizes);
  seg_window_set_colour_by (window, "rules");
  g_assert_true (ui_wait_until (views_drawn, overview, 30));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  check_walk (sizes, rules->n_segments);
  g_assert_true (seg_chart_view_move_focus (sizes, GDK_KEY_Home));
  g_assert_true (seg_chart_view_move_focus (sizes, GDK_KEY_Right));
  ui_shoot ("keyboard-on-a-bar", 0, 0);

  /* a heat map: Down moves a row, i.e. as many items as it has columns */
  cluster_views = visible_views (window, "clusters");
  heat = find_view (cluster_views, SEG_CHART_PROFILE_HEATMAP);
  g_assert_nonnull (heat);
  gtk_widget_grab_focus (GTK_WIDGET (heat));
  g_assert_true (seg_chart_view_move_focus (heat, GDK_KEY_Right));
  item = seg_chart_view_get_focus_item (heat);
  g_assert_true (seg_chart_view_move_focus (heat, GDK_KEY_Down));
  g_assert_cmpint (seg_chart_view_get_focus_item (heat) - item, >, 1);
  g_assert_cmpint (seg_chart_view_get_focus_item (heat) - item, <=, (int) seg_clusters_get_n_features (clusters) + 1);
  ui_close_window (window, app);
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type,
             int        kind)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (kind < 0 || seg_chart_view_get_kind (SEG_CHART_VIEW (widget)) == (SegChartKind) kind))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped (c, type, kind);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tab through the pane on screen (the page of the window's pane stack that
 * holds @type) from its start reaches @type, or a widget inside one. */
static gboolean
tab_reaches (SegWindow *window,
             GType      type,
             int        kind)
{
  GtkWidget *target = find_mapped (GTK_WIDGET (window), type, kind);
  GtkWidget *pane = target;

  g_assert_nonnull (target);
  while (pane != NULL && !GTK_IS_STACK (gtk_widget_get_parent (pane)))
    pane = gtk_widget_get_parent (pane);
  g_assert_nonnull (pane);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint step = 0; step < 400; step++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        return FALSE;   /* past the pane's last widget */
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (g_test_verbose () && focus != NULL)
        g_test_message ("tab %u: %s in %s", step, G_OBJECT_TYPE_NAME (focus),
                        G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)));
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        if (w == target)
          return TRUE;
    }
  return FALSE;
}

static void
test_tab_path (void)
{
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 1400, 900);

  seg_window_show_pane (window, "overview");
  ui_spin (0.1);
  g_assert_true (tab_reaches (window, SEG_TYPE_CHART_VIEW, SEG_CHART_KPIS));
  g_assert_true (tab_reaches (window, SEG_TYPE_CHART_VIEW, SEG_CHART_SEGMENT_SIZES));
  seg_window_show_pane (window, "segments");
  ui_spin (0.1);
  g_assert_true (tab_reaches (window, SEG_TYPE_RULE_EDITOR, -1));
  seg_window_show_pane (window, "data");
  ui_spin (0.1);
  g_assert_true (tab_reaches (window, SEG_TYPE_CUSTOMER_TABLE, -1));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  /* the accessibility tree these tests read (the suite runs with none) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/a11y/chart-names", test_chart_names);
  g_test_add_func ("/ui/a11y/keyboard-items", test_keyboard_items);
  g_test_add_func ("/ui/a11y/tab-path", test_tab_path);
  return g_test_run ();
}
