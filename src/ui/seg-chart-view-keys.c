/* seg-chart-view-keys.c — a chart view's keyboard and accessible texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arrow keys move a focus ring over the chart's items (bars, points,
 * cells, rows) with the tooltip's text as the accessible name; the
 * description says the chart in words.
 */
#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-chart-view-private.h"

/* --- accessibility ---------------------------------------------------------- */

void
seg_chart_view_set_description (SegChartView *self,
                 char         *text)   /* takes it */
{
  if (g_strcmp0 (self->description, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->description);
  self->description = text;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
}

/* The name is the chart's title, and the item the keyboard is on: screen
 * readers say a focused widget's new name. */
void
seg_chart_view_update_accessible_label (SegChartView *self,
                         const char   *item_text)
{
  g_autofree char *title = self->prepared ? seg_chart_prepared_dup_title (self->prepared)
                                          : g_strdup (seg_chart_kind_title (self->kind));
  g_autofree char *label = NULL;

  if (item_text != NULL)
    {
      g_autoptr(GString) line = g_string_new (item_text);
      g_string_replace (line, "\n", ", ", 0);
      /* Translators: a chart's accessible name while the keyboard is on one
       * of its items: the item in words, then the chart's title */
      label = g_strdup_printf (_("%s — %s"), line->str, title);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label ? label : title, -1);
}

/* --- the keyboard ----------------------------------------------------------------- */

/* The item the keyboard is on, laid out at today's size; FALSE when none. */
gboolean
seg_chart_view_focus_hit (SegChartView *self,
           SegChartHit  *hit)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->focus_item < 0 || self->prepared == NULL || width <= 0 || height <= 0)
    return FALSE;
  return seg_chart_prepared_item (self->prepared, width, height, (guint) self->focus_item, hit) &&
         hit->kind != SEG_CHART_HIT_NONE;
}

/* A ring in the accent colour around the item the keyboard is on, or
 * around the whole chart before an item is chosen. */
void
seg_chart_view_draw_focus (SegChartView *self,
            GtkSnapshot  *snapshot,
            int           width,
            int           height)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };   /* libadwaita's blue accent */
  graphene_rect_t r = GRAPHENE_RECT_INIT (3, 3, width - 6, height - 6);
  GskRoundedRect outline;
  float w = 3;

  if (adw_style_manager_get_high_contrast (manager))
    accent = adw_style_manager_get_dark (manager) ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 1 };
  else if (adw_style_manager_get_dark (manager))
    accent = (GdkRGBA) { 0.47, 0.68, 0.93, 1 };
  if (seg_chart_view_focus_hit (self, &hit))
    {
      double pad = 4;
      if (hit.area.width > 0 && hit.area.height > 0)
        r = GRAPHENE_RECT_INIT (hit.area.x - pad, hit.area.y - pad, hit.area.width + 2 * pad,
                                hit.area.height + 2 * pad);
      else
        r = GRAPHENE_RECT_INIT (hit.x - 10, hit.y - 10, 20, 20);
    }
  gsk_rounded_rect_init_from_rect (&outline, &r, 6);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { w, w, w, w },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

void
seg_chart_view_set_focus_item (SegChartView *self,
                int           item)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  self->focus_item = item;
  seg_chart_view_update_accessible_label (self, seg_chart_view_focus_hit (self, &hit) ? hit.tooltip : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The next item shown from @from in steps of @step (±1, ± columns);
 * -1 when there is none. */
static int
next_item (SegChartView *self,
           int           from,
           int           step)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  for (int i = from + step; i >= 0; i += step)
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      if (!seg_chart_prepared_item (self->prepared, width, height, (guint) i, &hit))
        return -1;
      if (hit.kind != SEG_CHART_HIT_NONE)
        return i;
    }
  return -1;
}

static int
last_item (SegChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint lo = 0, hi = 1;
  SegChartHit hit = SEG_CHART_HIT_INIT;

  /* items run from 0 without a gap: find the end by doubling, then halving */
  while (seg_chart_prepared_item (self->prepared, width, height, hi, &hit) && hi < G_MAXINT / 2)
    lo = hi, hi *= 2;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (seg_chart_prepared_item (self->prepared, width, height, mid, &hit))
        lo = mid;
      else
        hi = mid;
    }
  seg_chart_hit_clear (&hit);
  return next_item (self, (int) lo + 1, -1);
}

gboolean
seg_chart_view_move_focus (SegChartView *self,
                           guint         keyval)
{
  int columns, target = -2;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (self->prepared == NULL || !seg_chart_prepared_available (self->prepared, NULL))
    return FALSE;
  columns = (int) seg_chart_prepared_item_columns (self->prepared);
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      target = next_item (self, self->focus_item, 1);
      break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, -1);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, columns);
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, -columns);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      target = next_item (self, -1, 1);
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      target = last_item (self);
      break;
    default:
      return FALSE;
    }
  /* at either end the keyboard stays where it is */
  if (target >= 0)
    seg_chart_view_set_focus_item (self, target);
  return TRUE;
}

int
seg_chart_view_get_focus_item (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), -1);
  return self->focus_item;
}

char *
seg_chart_view_dup_focus_text (SegChartView *self)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);

  if (!seg_chart_view_focus_hit (self, &hit))
    return NULL;
  return g_steal_pointer (&hit.tooltip);
}

gboolean
seg_chart_view_get_focus_point (SegChartView *self,
                                double       *x,
                                double       *y)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (!seg_chart_view_focus_hit (self, &hit))
    return FALSE;
  *x = hit.x;
  *y = hit.y;
  return TRUE;
}

const char *
seg_chart_view_get_description (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->description;
}

guint
seg_chart_view_get_n_cut_texts (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), 0);
  return self->n_cut;
}

guint
seg_chart_view_get_n_outside_texts (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), 0);
  return self->n_outside;
}

gboolean
seg_chart_view_key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SegChartView          *self)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  const char *method;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Escape && self->focus_item >= 0)
    {
      seg_chart_view_set_focus_item (self, -1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      /* like a click: highlight the item's segment everywhere */
      method = seg_chart_view_get_effective_colour_by (self);
      if (method == NULL || !seg_chart_view_focus_hit (self, &hit) || hit.group < 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.highlight", "(si)", method, hit.group);
      return TRUE;
    }
  return seg_chart_view_move_focus (self, keyval);
}

void
seg_chart_view_focus_leave_cb (SegChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
