/* seg-feature-chooser.c — a dropdown of a result's numeric customer columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-feature-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-dashboard.h"
#include "seg-feature-chooser.h"

struct _SegFeatureChooser
{
  GtkWidget      parent_instance;

  GtkDropDown   *dropdown;
  GtkStringList *model;      /* raw names */

  SegResult     *result;
  char          *feature;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (SegFeatureChooser, seg_feature_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RESULT,
  PROP_FEATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_feature (SegFeatureChooser *self,
             const char        *feature)
{
  if (g_strcmp0 (self->feature, feature) == 0)
    return;
  g_free (self->feature);
  self->feature = g_strdup (feature);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURE]);
}

static void
selected_cb (SegFeatureChooser *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->dropdown);

  if (!self->updating && item != NULL)
    set_feature (self, gtk_string_object_get_string (item));
}

/* The dropdown lists raw names (what the chart takes) and shows display
 * names. */
static char *
label_cb (gpointer    item,
          const char *name,
          gpointer    user_data)
{
  return name != NULL ? seg_dashboard_column_label (name) : NULL;
}

static void
seg_feature_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SegFeatureChooser *self = SEG_FEATURE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;
    case PROP_FEATURE:
      g_value_set_string (value, self->feature);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_feature_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SegFeatureChooser *self = SEG_FEATURE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      seg_feature_chooser_set_result (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_feature_chooser_dispose (GObject *object)
{
  SegFeatureChooser *self = SEG_FEATURE_CHOOSER (object);

  g_clear_pointer ((GtkWidget **) &self->dropdown, gtk_widget_unparent);
  G_OBJECT_CLASS (seg_feature_chooser_parent_class)->dispose (object);
}

static void
seg_feature_chooser_finalize (GObject *object)
{
  SegFeatureChooser *self = SEG_FEATURE_CHOOSER (object);

  g_clear_pointer (&self->result, seg_result_unref);
  g_free (self->feature);
  G_OBJECT_CLASS (seg_feature_chooser_parent_class)->finalize (object);
}

static void
seg_feature_chooser_class_init (SegFeatureChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = seg_feature_chooser_get_property;
  object_class->set_property = seg_feature_chooser_set_property;
  object_class->dispose = seg_feature_chooser_dispose;
  object_class->finalize = seg_feature_chooser_finalize;

  /* the result whose numeric customer columns are offered */
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, SEG_TYPE_RESULT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the raw name of the column chosen */
  properties[PROP_FEATURE] =
    g_param_spec_string ("feature", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
seg_feature_chooser_init (SegFeatureChooser *self)
{
  GtkExpression *name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkExpression *label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &name, G_CALLBACK (label_cb), NULL, NULL);

  self->model = gtk_string_list_new (NULL);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->model), label));
  gtk_drop_down_set_enable_search (self->dropdown, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("The metric to compare across segments"));
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self);
}

SegResult *
seg_feature_chooser_get_result (SegFeatureChooser *self)
{
  g_return_val_if_fail (SEG_IS_FEATURE_CHOOSER (self), NULL);
  return self->result;
}

/* The columns of @result, the one chosen before kept when @result has it
 * (total_spent at first), else the first. */
void
seg_feature_chooser_set_result (SegFeatureChooser *self,
                                SegResult         *result)
{
  g_autofree char *current = NULL;
  g_autofree const char **names = NULL;
  guint n, selected = 0;

  g_return_if_fail (SEG_IS_FEATURE_CHOOSER (self));

  if (self->result == result)
    return;
  g_clear_pointer (&self->result, seg_result_unref);
  self->result = result ? seg_result_ref (result) : NULL;
  current = g_strdup (self->feature ? self->feature : "total_spent");
  n = result ? seg_result_get_n_numeric (result) : 0;
  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      names[i] = seg_result_get_numeric_name (result, i);
      if (g_strcmp0 (names[i], current) == 0)
        selected = i;
    }
  self->updating = TRUE;
  gtk_string_list_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)), names);
  gtk_drop_down_set_selected (self->dropdown, selected);
  self->updating = FALSE;
  set_feature (self, n > 0 ? names[selected] : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

const char *
seg_feature_chooser_get_feature (SegFeatureChooser *self)
{
  g_return_val_if_fail (SEG_IS_FEATURE_CHOOSER (self), NULL);
  return self->feature;
}
