/* seg-pane.c — small pieces the dashboard panes share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-dashboard.h"
#include "seg-pane.h"
#include "seg-panes.h"

/* --- settings bindings ------------------------------------------------------ */

static gboolean
rfm_bins_get (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_int32 (variant) == 4 ? 0 : 1);
  return TRUE;
}

static GVariant *
rfm_bins_set (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  return g_variant_new_int32 (g_value_get_uint (value) == 0 ? 4 : 5);
}

void
seg_pane_bind_rfm_bins (GSettings  *settings,
                        gpointer    object,
                        const char *property)
{
  g_settings_bind_with_mapping (settings, "rfm-bins", object, property, G_SETTINGS_BIND_DEFAULT,
                                rfm_bins_get, rfm_bins_set, NULL, NULL);
}

/* in the order of SegRfmMethod and of the dropdowns */
static const char *const rfm_methods[] = { "ntile", "qcut", "rank-first" };

static gboolean
rfm_method_get (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *method = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rfm_methods); i++)
    if (g_str_equal (method, rfm_methods[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
rfm_method_set (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (rfm_methods) ? g_variant_new_string (rfm_methods[i]) : NULL;
}

void
seg_pane_bind_rfm_method (GSettings  *settings,
                          gpointer    object,
                          const char *property)
{
  g_settings_bind_with_mapping (settings, "rfm-method", object, property, G_SETTINGS_BIND_DEFAULT,
                                rfm_method_get, rfm_method_set, NULL, NULL);
}

typedef struct
{
  GtkWidget     *automatic;   /* both strong: the bindings may outlive either */
  GtkSpinButton *spin;
} KWidgets;

static void
k_widgets_free (gpointer data)
{
  KWidgets *w = data;

  g_object_unref (w->automatic);
  g_object_unref (w->spin);
  g_free (w);
}

static KWidgets *
k_widgets_new (GtkWidget     *automatic,
               GtkSpinButton *spin)
{
  KWidgets *w = g_new0 (KWidgets, 1);

  w->automatic = g_object_ref (automatic);
  w->spin = g_object_ref (spin);
  return w;
}

static gboolean
k_auto_get (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "auto"));
  return TRUE;
}

/* Leaving "automatic" chooses the k the spin button shows. */
static GVariant *
k_auto_set (const GValue       *value,
            const GVariantType *type,
            gpointer            user_data)
{
  KWidgets *w = user_data;

  if (g_value_get_boolean (value))
    return g_variant_new_string ("auto");
  return g_variant_new_take_string (g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (w->spin)));
}

/* "auto" leaves the spin button as it is: the panes show the k in use there. */
static gboolean
k_value_get (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  KWidgets *w = user_data;
  guint64 k;

  if (g_ascii_string_to_unsigned (g_variant_get_string (variant, NULL), 10, 1, 50, &k, NULL))
    g_value_set_double (value, (double) k);
  else
    g_value_set_double (value, gtk_spin_button_get_value (w->spin));
  return TRUE;
}

/* While automatic, the spin button's value is no choice. */
static GVariant *
k_value_set (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  KWidgets *w = user_data;
  gboolean automatic;

  g_object_get (w->automatic, "active", &automatic, NULL);
  if (automatic)
    return NULL;
  return g_variant_new_take_string (g_strdup_printf ("%d", (int) lround (g_value_get_double (value))));
}

void
seg_pane_bind_k (GSettings     *settings,
                 GtkWidget     *automatic,
                 GtkSpinButton *spin)
{
  /* the spin button's sensitivity is the opposite of "automatic", not the key's */
  g_settings_bind_with_mapping (settings, "k-mode", spin, "value",
                                G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                k_value_get, k_value_set, k_widgets_new (automatic, spin), k_widgets_free);
  g_settings_bind_with_mapping (settings, "k-mode", automatic, "active", G_SETTINGS_BIND_DEFAULT,
                                k_auto_get, k_auto_set, k_widgets_new (automatic, spin), k_widgets_free);
  g_object_bind_property (automatic, "active", spin, "sensitive", G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

void
seg_pane_unbind (gpointer    object,
                 const char *property)
{
  g_settings_unbind (object, property);
  /* g_settings_bind () also bound "sensitive" to the key's writability */
  g_settings_unbind (object, "sensitive");
}

void
seg_pane_unbind_k (GtkWidget     *automatic,
                   GtkSpinButton *spin)
{
  g_settings_unbind (spin, "value");
  seg_pane_unbind (automatic, "active");
  /* the spin button's sensitivity binding ends with either widget */
}

static gboolean
seed_get (GValue   *value,
          GVariant *variant,
          gpointer  user_data)
{
  g_value_set_double (value, (double) g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
seed_set (const GValue       *value,
          const GVariantType *type,
          gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) CLAMP (lround (g_value_get_double (value)), 0, G_MAXINT32));
}

void
seg_pane_bind_seed (GSettings     *settings,
                    GtkSpinButton *spin)
{
  g_settings_bind_with_mapping (settings, "seed", spin, "value", G_SETTINGS_BIND_DEFAULT,
                                seed_get, seed_set, NULL, NULL);
}

void
seg_pane_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

GtkWidget *
seg_pane_value_row (const char *label,
                    const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *l = gtk_label_new (label);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  /* a long label wraps at words rather than lose them */
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (l, TRUE);
  gtk_widget_add_css_class (v, "numeric");
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), v);
  gtk_widget_add_css_class (box, "value-row");
  return box;
}
