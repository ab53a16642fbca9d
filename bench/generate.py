#!/usr/bin/env python3
"""Write a realistic synthetic `canned` library of N responses, for benchmarks.

The library looks like one a large support team would keep: a manifest
(DIR/canned.toml) and response files of about 100 responses each, grouped in
one subdirectory per topic (DIR/billing/billing-0001.toml, ...). Every response
has a unique id, a 5-10 word title built from topic-specific vocabulary, 2-4
tags, an owner, a review date, a weighted urgency (low 25%, normal 45%, high
20%, critical 10%) and an English body of 40-120 words with placeholders such
as {{ name }}, {{ order }} or {{ ticket }}, ending with the signature partial.
About 30% have a shortcut, about 3% an `expires` date (some already past),
about 10% notes, a few a `{% if customer_type == "vip" %}` block, and about
half a French translation (title and body, real French with accents).

The output is deterministic for a given --count and --seed. Bodies are written
as TOML multi-line basic strings and never contain a backslash or a triple
quote, so nothing needs escaping.

--flat FILE also writes the same corpus as one line per response, tab-separated:
id, shortcut (may be empty), title, tags (space-separated), body with newlines
replaced by spaces, then the French title and body when there is a translation.
Feed it to `fzf --filter QUERY < FILE` to compare with `canned find QUERY`.

Examples:
  bench/generate.py --count 10000 --out /tmp/lib10k
  bench/generate.py --count 100000 --out /tmp/lib100k --seed 7 --flat /tmp/lib100k.txt
  canned --library /tmp/lib10k find remboursment late

DIR must be empty or missing; with --force an existing DIR is accepted and only
the files this run writes are replaced (other files are left alone, and a
warning says how many other *.toml files would be loaded with the library).

A one-line summary (responses, files, bytes) goes to stderr.
Exit status: 0 on success, 1 when refusing to overwrite, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time

RESPONSES_PER_FILE = 100

# --------------------------------------------------------------------------
# Library shape
# --------------------------------------------------------------------------

# Topic -> share of the responses (percent).
TOPIC_WEIGHTS = [
    ("billing", 18),
    ("shipping", 20),
    ("returns", 14),
    ("account", 14),
    ("technical", 12),
    ("sales", 10),
    ("general", 7),
    ("seasonal", 5),
]
TOPICS = [t for t, _ in TOPIC_WEIGHTS]
CUSTOMER_TYPES = ["new", "loyal", "vip", "business"]
URGENCIES = ["low", "normal", "high", "critical"]
URGENCY_WEIGHTS = [25, 45, 20, 10]

SHORTCUT_RATE = 0.30
TRANSLATION_RATE = 0.50
NOTES_RATE = 0.10
CONDITIONAL_RATE = 0.06
AUDIENCE_RATE = 0.25
# ~3% overall: seasonal texts expire much more often than the others.
EXPIRES_RATE = {"seasonal": 0.25}
EXPIRES_RATE_DEFAULT = 0.017

# Fixed dates (not "today") so the output does not depend on when it runs.
REVIEWED_FROM = dt.date(2025, 1, 1)
REVIEWED_TO = dt.date(2026, 11, 15)
EXPIRED_FROM, EXPIRED_TO = dt.date(2025, 3, 1), dt.date(2026, 11, 1)
EXPIRES_FROM, EXPIRES_TO = dt.date(2026, 12, 1), dt.date(2027, 12, 31)

OWNERS = {
    "billing": ["billing-team", "finance-ops"],
    "shipping": ["logistics-team", "carrier-desk"],
    "returns": ["returns-team", "logistics-team"],
    "account": ["account-security", "support-leads"],
    "technical": ["tech-support", "web-team"],
    "sales": ["sales-team", "b2b-desk"],
    "general": ["support-leads", "quality-team"],
    "seasonal": ["marketing", "logistics-team"],
}

TAG_POOLS = {
    "billing": ["refund", "invoice", "payment", "charge", "vat", "credit", "subscription", "bank", "receipt", "paypal"],
    "shipping": ["delivery", "tracking", "carrier", "parcel", "delay", "address", "express", "customs", "lost", "damaged"],
    "returns": ["return", "exchange", "label", "warranty", "refund", "size", "faulty", "policy", "pickup"],
    "account": ["password", "login", "security", "email", "gdpr", "loyalty", "2fa", "privacy", "profile"],
    "technical": ["outage", "bug", "app", "browser", "checkout", "status", "error", "performance", "mobile"],
    "sales": ["discount", "stock", "quote", "b2b", "promo", "loyalty", "gift", "pricing", "pre-order"],
    "general": ["complaint", "feedback", "follow-up", "apology", "manager", "hours", "legal", "survey"],
    "seasonal": ["holidays", "christmas", "black-friday", "sales", "deadline", "gift", "express", "seasonal"],
}

NOTES = [
    "Check the carrier page before sending.",
    "Attach the invoice PDF from the billing console before sending.",
    "Ask the shift lead before offering more than 50 euros of goodwill credit.",
    "Only send once the refund shows as processed in the payment console.",
    "Do not promise a delivery date for addresses outside mainland France.",
    "Wording approved by Legal; do not change it without their sign-off.",
    "Set customer_type so the right paragraph is shown.",
    "Log the conversation in the helpdesk with the tag shown above.",
    "Make sure the customer has confirmed their email address first.",
    "Use the incident link from the status page, not the generic one.",
]

# --------------------------------------------------------------------------
# Titles: "<situation applied to subject> <context> [<audience>]", in English
# and French. Subjects: (en, fr, gender, id slug, shortcut stem).
# Situations: (en, fr, id slug). Markers: {s} subject, {a} a/an, {e} feminine
# "e", {un} un/une, {le} le/la, {du} du/de la. Contexts: (en, fr).
# --------------------------------------------------------------------------

TITLE_VOCAB = {
    "billing": {
        "subjects": [
            ("refund", "remboursement", "m", "refund", "refund"),
            ("invoice", "facture", "f", "invoice", "inv"),
            ("double charge", "double débit", "m", "double-charge", "double"),
            ("card payment", "paiement par carte", "m", "card-payment", "card"),
            ("credit note", "avoir", "m", "credit-note", "credit"),
            ("subscription renewal", "renouvellement d'abonnement", "m", "renewal", "renew"),
            ("VAT invoice", "facture avec TVA", "f", "vat-invoice", "vat"),
            ("bank transfer", "virement bancaire", "m", "bank-transfer", "transfer"),
            ("partial refund", "remboursement partiel", "m", "partial-refund", "partial"),
            ("instalment payment", "paiement en plusieurs fois", "m", "instalments", "instal"),
            ("gift card balance", "solde de carte cadeau", "m", "gift-card", "giftcard"),
            ("payment receipt", "reçu de paiement", "m", "receipt", "receipt"),
        ],
        "situations": [
            ("late {s}", "{s} en retard", "late"),
            ("missing {s}", "{s} manquant{e}", "missing"),
            ("{s} not received", "{s} non reçu{e}", "not-received"),
            ("duplicate {s}", "{s} en double", "duplicate"),
            ("incorrect {s}", "{s} incorrect{e}", "incorrect"),
            ("declined {s}", "{s} refusé{e}", "declined"),
            ("{s} still pending", "{s} toujours en attente", "pending"),
            ("question about {a} {s}", "question sur {un} {s}", "question"),
            ("{s} sent in error", "{s} envoyé{e} par erreur", "mistaken"),
            ("confirming {a} {s}", "confirmation de {un} {s}", "confirmation"),
            ("how to get {a} {s}", "comment obtenir {un} {s}", "how-to"),
        ],
        "contexts": [
            ("after a cancelled order", "après une commande annulée"),
            ("on a business account", "sur un compte professionnel"),
            ("for a marketplace order", "pour une commande sur la marketplace"),
            ("after a price drop", "après une baisse de prix"),
            ("for an order paid by PayPal", "pour une commande payée par PayPal"),
            ("for a split delivery", "pour une livraison en plusieurs colis"),
            ("at the end of the month", "en fin de mois"),
            ("after a failed checkout", "après un paiement échoué"),
            ("for a monthly subscription", "pour un abonnement mensuel"),
            ("for an order placed abroad", "pour une commande passée depuis l'étranger"),
            ("during the sales", "pendant les soldes"),
            ("with a promo code", "avec un code promo"),
        ],
    },
    "shipping": {
        "subjects": [
            ("parcel", "colis", "m", "parcel", "parcel"),
            ("delivery", "livraison", "f", "delivery", "deliv"),
            ("express shipment", "envoi express", "m", "express", "express"),
            ("tracking number", "numéro de suivi", "m", "tracking", "track"),
            ("delivery address", "adresse de livraison", "f", "address", "addr"),
            ("pickup point delivery", "livraison en point relais", "f", "pickup-point", "relay"),
            ("international shipment", "envoi international", "m", "international", "intl"),
            ("split shipment", "expédition partielle", "f", "split-shipment", "split"),
            ("customs declaration", "déclaration en douane", "f", "customs", "customs"),
            ("delivery slot", "créneau de livraison", "m", "delivery-slot", "slot"),
            ("large item delivery", "livraison d'article volumineux", "f", "bulky", "bulky"),
        ],
        "situations": [
            ("late {s}", "{s} en retard", "late"),
            ("lost {s}", "{s} perdu{e}", "lost"),
            ("damaged {s}", "{s} endommagé{e}", "damaged"),
            ("{s} stuck in transit", "{s} bloqué{e} en transit", "stuck"),
            ("{s} marked as delivered", "{s} indiqué{e} comme livré{e}", "marked-delivered"),
            ("{s} returned to sender", "{s} renvoyé{e} à l'expéditeur", "returned-to-sender"),
            ("changing {a} {s}", "modification de {un} {s}", "change"),
            ("{s} delayed by the carrier", "{s} retardé{e} par le transporteur", "carrier-delay"),
            ("no update on {a} {s}", "aucune nouvelle de {un} {s}", "no-update"),
            ("{s} on its way", "{s} en cours d'acheminement", "in-transit"),
        ],
        "contexts": [
            ("during a carrier strike", "pendant une grève des transporteurs"),
            ("before the holidays", "avant les fêtes"),
            ("to a rural address", "vers une adresse en zone rurale"),
            ("for a gift order", "pour une commande cadeau"),
            ("after a warehouse delay", "après un retard à l'entrepôt"),
            ("with a signature required", "avec signature obligatoire"),
            ("with DHL", "avec DHL"),
            ("with Colissimo", "avec Colissimo"),
            ("with UPS Standard", "avec UPS Standard"),
            ("to a pickup locker", "vers une consigne automatique"),
            ("outside mainland France", "hors de France métropolitaine"),
            ("in bad weather", "par mauvais temps"),
        ],
    },
    "returns": {
        "subjects": [
            ("return", "retour", "m", "return", "return"),
            ("exchange", "échange", "m", "exchange", "exch"),
            ("return label", "étiquette de retour", "f", "label", "label"),
            ("size exchange", "échange de taille", "m", "size-exchange", "size"),
            ("warranty claim", "demande de garantie", "f", "warranty", "warranty"),
            ("faulty item", "article défectueux", "m", "faulty", "faulty"),
            ("wrong item", "mauvais article", "m", "wrong-item", "wrong"),
            ("home collection", "enlèvement à domicile", "m", "collection", "pickup"),
            ("return refund", "remboursement de retour", "m", "return-refund", "retref"),
            ("store credit", "bon d'achat", "m", "store-credit", "voucher"),
        ],
        "situations": [
            ("late {s}", "{s} en retard", "late"),
            ("rejected {s}", "{s} refusé{e}", "rejected"),
            ("{s} not processed", "{s} non traité{e}", "not-processed"),
            ("requesting {a} {s}", "demande de {un} {s}", "request"),
            ("{s} after 30 days", "{s} après 30 jours", "after-30-days"),
            ("free {s}", "{s} gratuit{e}", "free"),
            ("{s} received", "{s} reçu{e}", "received"),
            ("{s} without the original box", "{s} sans l'emballage d'origine", "no-box"),
            ("questions about {a} {s}", "questions sur {un} {s}", "questions"),
        ],
        "contexts": [
            ("for a sale item", "pour un article soldé"),
            ("for a gift", "pour un cadeau"),
            ("for an order placed in store", "pour une commande passée en magasin"),
            ("from a marketplace seller", "d'un vendeur de la marketplace"),
            ("after the holidays", "après les fêtes"),
            ("for a bundle offer", "pour une offre groupée"),
            ("with a missing part", "avec une pièce manquante"),
            ("for a personalised item", "pour un article personnalisé"),
            ("from abroad", "depuis l'étranger"),
            ("for shoes worn once", "pour des chaussures portées une fois"),
        ],
    },
    "account": {
        "subjects": [
            ("password reset", "réinitialisation du mot de passe", "f", "password-reset", "pwreset"),
            ("login", "connexion", "f", "login", "login"),
            ("customer account", "compte client", "m", "account", "acct"),
            ("email address", "adresse e-mail", "f", "email", "email"),
            ("two-step verification", "validation en deux étapes", "f", "2fa", "2fa"),
            ("loyalty account", "compte fidélité", "m", "loyalty", "loyalty"),
            ("account deletion", "suppression de compte", "f", "deletion", "delete"),
            ("newsletter subscription", "abonnement à la newsletter", "m", "newsletter", "news"),
            ("personal data request", "demande de données personnelles", "f", "gdpr", "gdpr"),
            ("saved card", "carte enregistrée", "f", "saved-card", "savedcard"),
        ],
        "situations": [
            ("{s} not working", "{s} qui ne fonctionne pas", "not-working"),
            ("locked {s}", "{s} verrouillé{e}", "locked"),
            ("blocked {s}", "{s} bloqué{e}", "blocked"),
            ("forgotten {s}", "{s} oublié{e}", "forgotten"),
            ("suspicious activity on {a} {s}", "activité suspecte sur {un} {s}", "suspicious"),
            ("{s} confirmed", "{s} confirmé{e}", "confirmed"),
            ("updating {a} {s}", "mise à jour de {un} {s}", "update"),
            ("expired link for {a} {s}", "lien expiré pour {un} {s}", "link-expired"),
            ("help with {a} {s}", "aide pour {un} {s}", "help"),
        ],
        "contexts": [
            ("on the mobile app", "sur l'application mobile"),
            ("after a phone change", "après un changement de téléphone"),
            ("for a shared family account", "pour un compte familial partagé"),
            ("after a data breach alert", "après une alerte de fuite de données"),
            ("on a new computer", "sur un nouvel ordinateur"),
            ("for a company account", "pour un compte entreprise"),
            ("after a long period of inactivity", "après une longue période d'inactivité"),
            ("with an old email address", "avec une ancienne adresse e-mail"),
            ("from abroad", "depuis l'étranger"),
            ("on a public computer", "sur un ordinateur public"),
        ],
    },
    "technical": {
        "subjects": [
            ("website", "site web", "m", "website", "site"),
            ("checkout", "paiement en ligne", "m", "checkout", "checkout"),
            ("mobile app", "application mobile", "f", "app", "app"),
            ("search page", "page de recherche", "f", "search", "search"),
            ("wish list", "liste d'envies", "f", "wishlist", "wish"),
            ("order confirmation email", "e-mail de confirmation de commande", "m", "confirmation-email", "confmail"),
            ("product page", "fiche produit", "f", "product-page", "pdp"),
            ("basket", "panier", "m", "basket", "basket"),
            ("push notification", "notification push", "f", "notifications", "notif"),
            ("status page", "page de statut", "f", "status-page", "status"),
        ],
        "situations": [
            ("{s} down", "{s} indisponible", "down"),
            ("slow {s}", "{s} lent{e}", "slow"),
            ("{s} crashing", "{s} qui plante", "crash"),
            ("error on the {s}", "erreur sur {le} {s}", "error"),
            ("{s} not loading", "{s} qui ne se charge pas", "not-loading"),
            ("{s} outage", "panne {du} {s}", "outage"),
            ("{s} bug", "bug {du} {s}", "bug"),
            ("{s} display problem", "problème d'affichage {du} {s}", "display"),
            ("{s} back online", "{s} de nouveau disponible", "restored"),
            ("timeout on the {s}", "délai dépassé sur {le} {s}", "timeout"),
        ],
        "contexts": [
            ("on Safari", "sur Safari"),
            ("on Android phones", "sur les téléphones Android"),
            ("during a major outage", "pendant une panne majeure"),
            ("after the latest update", "après la dernière mise à jour"),
            ("for some customers only", "pour certains clients seulement"),
            ("in the evening rush", "pendant le pic du soir"),
            ("after a browser update", "après une mise à jour du navigateur"),
            ("on the iPad app", "sur l'application iPad"),
            ("with an ad blocker", "avec un bloqueur de publicités"),
            ("during planned maintenance", "pendant la maintenance programmée"),
        ],
    },
    "sales": {
        "subjects": [
            ("discount code", "code de réduction", "m", "discount", "promo"),
            ("product availability", "disponibilité produit", "f", "stock", "stock"),
            ("bulk order", "commande en gros", "f", "bulk-order", "bulk"),
            ("business quote", "devis professionnel", "m", "quote", "quote"),
            ("price match", "alignement de prix", "m", "price-match", "pricematch"),
            ("loyalty reward", "récompense de fidélité", "f", "reward", "reward"),
            ("pre-order", "précommande", "f", "preorder", "preorder"),
            ("gift card", "carte cadeau", "f", "gift-card", "gift"),
            ("product recommendation", "recommandation de produit", "f", "recommendation", "reco"),
            ("back in stock alert", "alerte de retour en stock", "f", "restock", "restock"),
        ],
        "situations": [
            ("expired {s}", "{s} expiré{e}", "expired"),
            ("{s} not applied", "{s} non appliqué{e}", "not-applied"),
            ("request for {a} {s}", "demande de {un} {s}", "request"),
            ("question about {a} {s}", "question sur {un} {s}", "question"),
            ("confirming {a} {s}", "confirmation de {un} {s}", "confirmation"),
            ("{s} for a first order", "{s} pour une première commande", "first-order"),
            ("invalid {s}", "{s} invalide", "invalid"),
            ("follow-up on {a} {s}", "relance pour {un} {s}", "follow-up"),
        ],
        "contexts": [
            ("for a school", "pour une école"),
            ("for a company event", "pour un événement d'entreprise"),
            ("during Black Friday", "pendant le Black Friday"),
            ("for a team order", "pour une commande d'équipe"),
            ("on a sold-out product", "sur un produit épuisé"),
            ("for a wedding list", "pour une liste de mariage"),
            ("with free delivery", "avec livraison offerte"),
            ("for an office fit-out", "pour l'aménagement d'un bureau"),
            ("ahead of a product launch", "avant le lancement d'un produit"),
            ("for a sports club", "pour un club de sport"),
        ],
    },
    "general": {
        "subjects": [
            ("complaint", "réclamation", "f", "complaint", "complaint"),
            ("feedback message", "message de retour", "m", "feedback", "feedback"),
            ("follow-up", "relance", "f", "follow-up", "followup"),
            ("callback request", "demande de rappel", "f", "callback", "callback"),
            ("conversation", "conversation", "f", "conversation", "conv"),
            ("formal notice", "mise en demeure", "f", "legal", "legal"),
            ("customer review", "avis client", "m", "review", "review"),
            ("opening hours question", "question sur les horaires", "f", "hours", "hours"),
            ("escalation", "escalade", "f", "escalation", "escalate"),
            ("apology letter", "lettre d'excuses", "f", "apology", "sorry"),
        ],
        "situations": [
            ("urgent {s}", "{s} urgent{e}", "urgent"),
            ("{s} handed to a manager", "{s} transmis{e} à un responsable", "to-manager"),
            ("closing {a} {s}", "clôture de {un} {s}", "closing"),
            ("repeated {s}", "{s} répété{e}", "repeated"),
            ("{s} acknowledged", "{s} pris{e} en compte", "acknowledged"),
            ("{s} outside opening hours", "{s} en dehors des heures d'ouverture", "after-hours"),
            ("holding reply to {a} {s}", "réponse d'attente à {un} {s}", "holding"),
            ("answering {a} {s}", "réponse à {un} {s}", "answer"),
        ],
        "contexts": [
            ("on social media", "sur les réseaux sociaux"),
            ("by phone", "par téléphone"),
            ("after several contacts", "après plusieurs contacts"),
            ("in a live chat", "dans un chat en direct"),
            ("over the weekend", "pendant le week-end"),
            ("from a journalist", "venant d'un journaliste"),
            ("after a bad experience", "après une mauvaise expérience"),
            ("about a store visit", "au sujet d'une visite en magasin"),
            ("with a long history", "avec un long historique"),
            ("sent by email", "par e-mail"),
        ],
    },
    "seasonal": {
        "subjects": [
            ("Christmas delivery", "livraison de Noël", "f", "christmas", "xmas"),
            ("Black Friday order", "commande du Black Friday", "f", "black-friday", "bf"),
            ("holiday return", "retour des fêtes", "m", "holiday-return", "holret"),
            ("summer sale order", "commande des soldes d'été", "f", "summer-sale", "summer"),
            ("Valentine's Day gift", "cadeau de la Saint-Valentin", "m", "valentines", "valentine"),
            ("back-to-school order", "commande de rentrée", "f", "back-to-school", "school"),
            ("New Year closure", "fermeture du Nouvel An", "f", "new-year", "newyear"),
            ("Mother's Day gift", "cadeau de la fête des mères", "m", "mothers-day", "mum"),
            ("gift wrapping", "emballage cadeau", "m", "gift-wrap", "wrap"),
            ("advent calendar", "calendrier de l'Avent", "m", "advent", "advent"),
        ],
        "situations": [
            ("late {s}", "{s} en retard", "late"),
            ("last-minute {s}", "{s} de dernière minute", "last-minute"),
            ("deadline for {a} {s}", "date limite pour {un} {s}", "deadline"),
            ("delayed {s}", "{s} retardé{e}", "delayed"),
            ("{s} sold out", "{s} épuisé{e}", "sold-out"),
            ("questions about {a} {s}", "questions sur {un} {s}", "questions"),
            ("cancelled {s}", "{s} annulé{e}", "cancelled"),
        ],
        "contexts": [
            ("before Christmas Eve", "avant le réveillon de Noël"),
            ("during the holiday rush", "pendant le rush des fêtes"),
            ("for a December order", "pour une commande de décembre"),
            ("with express delivery", "avec livraison express"),
            ("for a corporate gift", "pour un cadeau d'entreprise"),
            ("after the cut-off date", "après la date limite"),
            ("during the January sales", "pendant les soldes de janvier"),
            ("for delivery abroad", "pour une livraison à l'étranger"),
        ],
    },
}

# Products that can stand in for the context of order-related topics, so that
# titles vary more: "... for a coffee machine order".
ITEM_TOPICS = ("billing", "shipping", "returns", "sales", "seasonal")
ITEM_CONTEXT_RATE = 0.35
ITEMS = [
    ("rain jacket", "veste de pluie"),
    ("coffee machine", "machine à café"),
    ("wireless headphones", "casque sans fil"),
    ("desk lamp", "lampe de bureau"),
    ("running shoes", "chaussures de course"),
    ("backpack", "sac à dos"),
    ("winter coat", "manteau d'hiver"),
    ("blender", "mixeur"),
    ("camping stove", "réchaud de camping"),
    ("garden chair", "chaise de jardin"),
    ("electric kettle", "bouilloire électrique"),
    ("yoga mat", "tapis de yoga"),
    ("children's bike", "vélo pour enfant"),
    ("smartwatch", "montre connectée"),
    ("sofa", "canapé"),
]

AUDIENCES = [
    ("for a VIP customer", "pour un client VIP", "vip"),
    ("for a new customer", "pour un nouveau client", "new"),
    ("for a business customer", "pour un client professionnel", "business"),
    ("for a loyal customer", "pour un client fidèle", "loyal"),
]

# --------------------------------------------------------------------------
# Bodies: parallel (English, French) sentence templates. <slot> markers are
# filled with the same choice in both languages; {{ var }} are Tera variables.
# --------------------------------------------------------------------------

SLOTS = {
    "when_past": [
        ("this morning", "ce matin"),
        ("yesterday", "hier"),
        ("on Monday", "lundi"),
        ("two days ago", "il y a deux jours"),
        ("earlier today", "plus tôt dans la journée"),
    ],
    "when_future": [
        ("tomorrow", "demain"),
        ("by Friday", "d'ici vendredi"),
        ("later today", "dans la journée"),
        ("early next week", "en début de semaine prochaine"),
        ("within 48 hours", "sous 48 heures"),
    ],
    "within": [
        ("within three to five business days", "sous trois à cinq jours ouvrés"),
        ("within a week", "sous une semaine"),
        ("within 48 hours", "sous 48 heures"),
        ("by the end of the week", "d'ici la fin de la semaine"),
    ],
    "payment": [
        ("your bank card", "votre carte bancaire"),
        ("your PayPal account", "votre compte PayPal"),
        ("your gift card", "votre carte cadeau"),
        ("your original payment method", "votre moyen de paiement d'origine"),
    ],
    "carrier": [(c, c) for c in ["DHL", "UPS", "Colissimo", "Chronopost", "GLS", "DPD"]],
    "cause": [
        ("bad weather", "du mauvais temps"),
        ("a strike at the sorting centre", "d'une grève au centre de tri"),
        ("the holiday rush", "de l'affluence des fêtes"),
        ("a road closure", "d'une route fermée"),
        ("a problem at our warehouse", "d'un problème à notre entrepôt"),
    ],
    "item": [
        ("your rain jacket", "votre veste de pluie"),
        ("your coffee machine", "votre machine à café"),
        ("your wireless headphones", "votre casque sans fil"),
        ("your desk lamp", "votre lampe de bureau"),
        ("your running shoes", "vos chaussures de course"),
        ("your backpack", "votre sac à dos"),
        ("your winter coat", "votre manteau d'hiver"),
        ("your blender", "votre mixeur"),
        ("your gift box", "votre coffret cadeau"),
        ("your camping stove", "votre réchaud de camping"),
    ],
    "browser": [(b, b) for b in ["Chrome", "Firefox", "Safari", "Edge"]],
}

GREETINGS = [
    ("Hi {{ name }},", "Bonjour {{ name }},"),
    ("Hello {{ name }},", "Bonjour {{ name }},"),
    ("Good morning {{ name }},", "Bonjour {{ name }},"),
    ("Hi {{ name }}, thanks for getting in touch.", "Bonjour {{ name }}, merci de nous avoir écrit."),
]
GREETING_VIP = ("Dear {{ name }},", "Bonjour {{ name }},")

OPENINGS = [
    ("Thank you for contacting us about order #{{ order }}.", "Merci de nous avoir contactés au sujet de la commande #{{ order }}."),
    ("Thanks for your message, and sorry for the wait.", "Merci pour votre message, et désolé pour l'attente."),
    ("I've read your message carefully and I'm happy to help.", "J'ai lu attentivement votre message et je vous aide volontiers."),
    ("I completely understand your frustration, and I'm sorry about this.", "Je comprends tout à fait votre agacement, et j'en suis désolé."),
    ("Your request has been recorded under reference {{ ticket }}.", "Votre demande est enregistrée sous la référence {{ ticket }}."),
    ("Thanks for your patience while I looked into this.", "Merci pour votre patience pendant que je vérifiais."),
    ("I've had a look at your order #{{ order }} straight away.", "J'ai tout de suite regardé votre commande #{{ order }}."),
    ("Thank you for letting us know so quickly.", "Merci de nous avoir prévenus aussi rapidement."),
]

CLOSINGS = [
    ("If anything else comes up, just reply to this message.", "Si autre chose se présente, répondez simplement à ce message."),
    ("Thank you for your patience.", "Merci pour votre patience."),
    ("I'm sorry for the inconvenience.", "Toutes mes excuses pour la gêne occasionnée."),
    ("Please keep reference {{ ticket }} for any future correspondence.", "Merci de conserver la référence {{ ticket }} pour toute correspondance ultérieure."),
    ("Have a lovely day!", "Très belle journée à vous !"),
    ("Don't hesitate to contact us again if you need anything.", "N'hésitez pas à nous recontacter si besoin."),
    ("Thanks again for shopping with us.", "Merci encore pour votre confiance."),
]

GENERIC_SENTENCES = [
    ("I've added a note to order #{{ order }} so that everyone on the team can see it.", "J'ai ajouté une note à la commande #{{ order }} pour que toute l'équipe puisse la voir."),
    ("I've checked the history of your account and everything is now in order.", "J'ai vérifié l'historique de votre compte et tout est désormais en ordre."),
    ("You don't need to do anything else on your side.", "Vous n'avez rien d'autre à faire de votre côté."),
    ("I'll keep an eye on this personally until it's resolved.", "Je suivrai personnellement ce dossier jusqu'à sa résolution."),
    ("A confirmation email is on its way to you.", "Un e-mail de confirmation est en route."),
    ("Your reference for this request is {{ ticket }}.", "La référence de cette demande est {{ ticket }}."),
    ("If you'd rather, I can also call you to go through it together.", "Si vous préférez, je peux aussi vous appeler pour faire le point ensemble."),
    ("Our help centre explains refunds, delivery and returns in detail.", "Notre centre d'aide détaille les remboursements, la livraison et les retours."),
    ("I've made a note on your file so you won't have to explain everything again.", "J'ai ajouté une note à votre dossier pour que vous n'ayez pas à tout réexpliquer."),
    ("I'll come back to you <when_future> with an update.", "Je reviens vers vous <when_future> pour faire le point."),
    ("Everything you ordered is covered by our two-year warranty.", "Tous les articles commandés sont couverts par notre garantie de deux ans."),
    ("You can also find all your orders and invoices in your account.", "Vous retrouverez aussi toutes vos commandes et factures dans votre compte."),
]

TOPIC_SENTENCES = {
    "billing": [
        ("I've checked your account and I can confirm that the refund of {{ amount }} was issued <when_past>.", "J'ai vérifié votre compte et je vous confirme que le remboursement de {{ amount }} a été effectué <when_past>."),
        ("The refund should appear on <payment> within {{ refund_days }} business days.", "Le remboursement devrait apparaître sur <payment> sous {{ refund_days }} jours ouvrés."),
        ("You'll find invoice {{ invoice }} attached to this message.", "Vous trouverez la facture {{ invoice }} en pièce jointe de ce message."),
        ("The second charge is only a pre-authorisation and will disappear <within>.", "Le second débit n'est qu'une pré-autorisation et disparaîtra <within>."),
        ("Your payment was declined by your bank, so no money has been taken.", "Votre paiement a été refusé par votre banque : aucun montant n'a donc été prélevé."),
        ("The remaining balance of {{ amount }} is due on {{ due_date }}.", "Le solde restant de {{ amount }} est à régler avant le {{ due_date }}."),
        ("I've applied a credit note of {{ amount }} to your account.", "J'ai appliqué un avoir de {{ amount }} sur votre compte."),
        ("Your {{ plan }} subscription renews automatically every month, and you can cancel it at any time.", "Votre abonnement {{ plan }} se renouvelle automatiquement chaque mois, et vous pouvez le résilier à tout moment."),
        ("VAT is shown separately on every invoice for business accounts.", "La TVA apparaît séparément sur chaque facture des comptes professionnels."),
        ("Since you paid with <payment>, the refund goes back to the same method.", "Comme vous avez payé avec <payment>, le remboursement est effectué sur le même moyen de paiement."),
        ("I've corrected the billing address, and a new invoice will follow <when_future>.", "J'ai corrigé l'adresse de facturation, et une nouvelle facture suivra <when_future>."),
        ("Please check that the bank transfer mentions invoice {{ invoice }} so we can match it.", "Merci de vérifier que le virement mentionne la facture {{ invoice }} afin que nous puissions le rapprocher."),
    ],
    "shipping": [
        ("Your parcel left our warehouse <when_past> with <carrier>.", "Votre colis a quitté notre entrepôt <when_past> avec <carrier>."),
        ("You can follow the delivery here: {{ tracking_url }}", "Vous pouvez suivre la livraison ici : {{ tracking_url }}"),
        ("The carrier now expects to deliver it by {{ eta }}.", "Le transporteur prévoit désormais de le livrer d'ici {{ eta }}."),
        ("Deliveries to your area are currently delayed because of <cause>.", "Les livraisons dans votre secteur sont actuellement retardées en raison <cause>."),
        ("If the parcel hasn't arrived by {{ delivery_date }}, I'll send a replacement at no cost.", "Si le colis n'est pas arrivé le {{ delivery_date }}, je vous envoie un remplacement sans frais."),
        ("The tracking shows the parcel as delivered, so I've opened an investigation with <carrier>.", "Le suivi indique que le colis a été livré ; j'ai donc ouvert une enquête auprès de <carrier>."),
        ("Please check with your neighbours and your building's mailroom.", "Pensez à vérifier auprès de vos voisins et de la loge de votre immeuble."),
        ("Express delivery is free on orders over fifty euros.", "La livraison express est offerte dès cinquante euros d'achat."),
        ("I've changed the delivery address on order #{{ order }} as requested.", "J'ai modifié l'adresse de livraison de la commande #{{ order }} comme demandé."),
        ("Your order will be shipped in two parcels, which may arrive on different days.", "Votre commande sera expédiée en deux colis, qui pourront arriver à des jours différents."),
        ("The delivery of <item> is now planned for {{ delivery_date }}.", "La livraison de <item> est désormais prévue le {{ delivery_date }}."),
        ("Your parcel is waiting at the pickup point and will be kept for ten days.", "Votre colis vous attend au point relais et y sera conservé dix jours."),
    ],
    "returns": [
        ("You can return any unused item within 30 days of delivery.", "Vous pouvez retourner tout article non utilisé dans les 30 jours suivant la livraison."),
        ("Here is your prepaid return label: {{ return_label_url }}", "Voici votre étiquette de retour prépayée : {{ return_label_url }}"),
        ("I've reserved {{ product }} in the new size for you.", "J'ai réservé {{ product }} dans la nouvelle taille pour vous."),
        ("The exchange is free, and the new item ships as soon as we receive yours.", "L'échange est gratuit, et le nouvel article part dès que nous recevons le vôtre."),
        ("Drop the parcel at any post office or pickup point.", "Déposez le colis dans n'importe quel bureau de poste ou point relais."),
        ("Your return has arrived at our warehouse and passed its check.", "Votre retour est bien arrivé à notre entrepôt et a été contrôlé."),
        ("Faulty items are covered by our two-year warranty, so a repair or a replacement is free.", "Les articles défectueux sont couverts par notre garantie de deux ans : la réparation ou l'échange est gratuit."),
        ("Please include a short note with your order number in the box.", "Merci de glisser dans le carton un petit mot avec votre numéro de commande."),
        ("A refund of {{ amount }} will follow within {{ refund_days }} business days of the check.", "Un remboursement de {{ amount }} suivra sous {{ refund_days }} jours ouvrés après le contrôle."),
        ("I've booked a free collection of <item> with <carrier> for {{ delivery_date }}.", "J'ai programmé un enlèvement gratuit de <item> avec <carrier> pour le {{ delivery_date }}."),
        ("We can't accept the return of <item> because it was bought more than 30 days ago.", "Nous ne pouvons pas accepter le retour de <item>, acheté il y a plus de 30 jours."),
    ],
    "account": [
        ("You can choose a new password with this link: {{ reset_url }}", "Vous pouvez choisir un nouveau mot de passe avec ce lien : {{ reset_url }}"),
        ("The link is valid for one hour and can be used only once.", "Le lien est valable une heure et ne peut servir qu'une seule fois."),
        ("I've sent a confirmation message to {{ email }}.", "J'ai envoyé un message de confirmation à {{ email }}."),
        ("For your security, your account was locked after several failed sign-in attempts.", "Pour votre sécurité, votre compte a été verrouillé après plusieurs tentatives de connexion infructueuses."),
        ("Your account and all its personal data will be deleted within 30 days.", "Votre compte et toutes ses données personnelles seront supprimés sous 30 jours."),
        ("Two-step verification adds a code sent to your phone each time you sign in.", "La validation en deux étapes ajoute un code envoyé sur votre téléphone à chaque connexion."),
        ("You currently have {{ points }} loyalty points, worth a discount on your next order.", "Vous disposez actuellement de {{ points }} points de fidélité, qui vous donnent droit à une réduction sur votre prochaine commande."),
        ("I've updated the email address on your account to {{ email }}.", "J'ai remplacé l'adresse e-mail de votre compte par {{ email }}."),
        ("If you didn't request this change, reply to this message straight away.", "Si vous n'êtes pas à l'origine de cette modification, répondez immédiatement à ce message."),
        ("Please choose a password you don't use on any other website.", "Choisissez un mot de passe que vous n'utilisez sur aucun autre site."),
        ("Your saved cards have been removed, and no payment can be made without you.", "Vos cartes enregistrées ont été supprimées, et aucun paiement ne peut être fait sans vous."),
    ],
    "technical": [
        ("Our website is currently experiencing an outage, and our engineers are working on it.", "Notre site subit actuellement une panne, et nos ingénieurs y travaillent."),
        ("You can follow live updates here: {{ incident_url }}", "Vous pouvez suivre l'évolution en direct ici : {{ incident_url }}"),
        ("We expect the service to be back by {{ eta }}.", "Nous prévoyons un retour à la normale d'ici {{ eta }}."),
        ("Clearing the cache and cookies in <browser> usually solves display problems.", "Vider le cache et les cookies de <browser> règle généralement les problèmes d'affichage."),
        ("Please update the app from the App Store or Google Play, then restart your phone.", "Mettez à jour l'application depuis l'App Store ou Google Play, puis redémarrez votre téléphone."),
        ("Could you send me a screenshot of the error message?", "Pourriez-vous m'envoyer une capture d'écran du message d'erreur ?"),
        ("No payment is taken for an order that doesn't go through, so you won't be charged twice.", "Aucun paiement n'est prélevé pour une commande qui n'aboutit pas : vous ne serez donc pas débité deux fois."),
        ("I've passed your report to our developers under reference {{ ticket }}.", "J'ai transmis votre signalement à nos développeurs sous la référence {{ ticket }}."),
        ("The problem is now fixed, and checkout is working normally again.", "Le problème est maintenant résolu, et le paiement fonctionne de nouveau normalement."),
        ("Your basket has been saved, so nothing is lost.", "Votre panier a été sauvegardé : rien n'est perdu."),
        ("Trying another browser, such as <browser>, often works in the meantime.", "En attendant, essayer un autre navigateur, par exemple <browser>, suffit souvent."),
    ],
    "sales": [
        ("Here is a discount code for your next order: {{ discount_code }}", "Voici un code de réduction pour votre prochaine commande : {{ discount_code }}"),
        ("{{ product }} is back in stock and can ship <when_future>.", "{{ product }} est de nouveau en stock et peut partir <when_future>."),
        ("For orders of more than twenty units, we offer a business discount.", "Pour toute commande de plus de vingt unités, nous proposons une remise professionnelle."),
        ("Your account manager, {{ account_manager }}, will call you <when_future>.", "Votre chargé de compte, {{ account_manager }}, vous appellera <when_future>."),
        ("A quote for {{ company }} is attached, valid for 30 days.", "Vous trouverez ci-joint un devis pour {{ company }}, valable 30 jours."),
        ("Members of our loyalty programme get free express delivery all year round.", "Les membres de notre programme de fidélité bénéficient de la livraison express gratuite toute l'année."),
        ("If you find the same product cheaper elsewhere, we'll refund the difference.", "Si vous trouvez le même produit moins cher ailleurs, nous vous remboursons la différence."),
        ("The code can't be combined with other offers and is valid until {{ due_date }}.", "Le code n'est pas cumulable avec d'autres offres et reste valable jusqu'au {{ due_date }}."),
        ("I've added {{ product }} to your wish list, and you'll be told when the price drops.", "J'ai ajouté {{ product }} à votre liste d'envies, et vous serez prévenu dès que le prix baissera."),
        ("Pre-orders are charged only when the item ships.", "Les précommandes ne sont débitées qu'au moment de l'expédition."),
    ],
    "general": [
        ("I've passed your complaint to my team lead, who will contact you within four working hours.", "J'ai transmis votre réclamation à mon responsable, qui vous recontactera sous quatre heures ouvrées."),
        ("Our support team is available Monday to Friday from 8 am to 8 pm.", "Notre service client est disponible du lundi au vendredi de 8 h à 20 h."),
        ("Thank you so much for your kind words, I've shared them with the whole team.", "Merci infiniment pour votre gentil message, je l'ai partagé avec toute l'équipe."),
        ("I'm still looking into this and I'll come back to you by {{ eta }}.", "Je suis toujours en train de vérifier et je reviens vers vous d'ici {{ eta }}."),
        ("I'll mark this conversation as resolved now.", "Je clôture maintenant cette conversation."),
        ("You'll receive a two-question survey by email shortly.", "Vous allez recevoir par e-mail un questionnaire de deux questions."),
        ("I've passed your message to our legal department, who will reply in writing.", "J'ai transmis votre message à notre service juridique, qui vous répondra par écrit."),
        ("This is not the level of care you deserve, and I want to put it right.", "Ce n'est pas le niveau d'attention que vous méritez, et je tiens à corriger cela."),
        ("A short review on the product page would help other customers too.", "Un court avis sur la fiche produit aiderait aussi d'autres clients."),
        ("I've asked a colleague to call you back <when_future>.", "J'ai demandé à un collègue de vous rappeler <when_future>."),
    ],
    "seasonal": [
        ("To receive your order before Christmas, please order by {{ delivery_date }}.", "Pour recevoir votre commande avant Noël, merci de commander avant le {{ delivery_date }}."),
        ("During the sales, orders may take one or two extra days to leave our warehouse.", "Pendant les soldes, les commandes peuvent mettre un ou deux jours de plus à quitter notre entrepôt."),
        ("Returns for orders placed in December are accepted until the end of January.", "Les retours des commandes passées en décembre sont acceptés jusqu'à fin janvier."),
        ("Black Friday prices are valid until midnight on Monday.", "Les prix du Black Friday sont valables jusqu'à lundi minuit."),
        ("Gift cards bought during the holidays can be used for a full year.", "Les cartes cadeaux achetées pendant les fêtes sont valables un an."),
        ("Gift wrapping is free this month, and you can add a personal message.", "L'emballage cadeau est offert ce mois-ci, et vous pouvez ajouter un message personnel."),
        ("Our warehouse is closed on public holidays, so orders ship the next working day.", "Notre entrepôt est fermé les jours fériés : les commandes partent le jour ouvré suivant."),
        ("Express delivery is still possible for <item> if you order <when_future>.", "La livraison express reste possible pour <item> si vous commandez <when_future>."),
        ("Your order #{{ order }} is well within the deadline, so there's no need to worry.", "Votre commande #{{ order }} respecte largement les délais : pas d'inquiétude."),
    ],
}

CONDITIONAL_SENTENCES = [
    ("As one of our VIP customers, you also get free express delivery on your next order.", "En tant que client VIP, vous bénéficiez aussi de la livraison express offerte sur votre prochaine commande."),
    ("To thank you for your loyalty, here is a code for your next order: {{ discount_code }}", "Pour vous remercier de votre fidélité, voici un code pour votre prochaine commande : {{ discount_code }}"),
    ("Your dedicated advisor will also follow up with you personally.", "Votre conseiller dédié reviendra aussi personnellement vers vous."),
]

SIGNATURE = '{% include "signature" %}'

# --------------------------------------------------------------------------
# Manifest variables: name -> (description, example, default, pattern).
# Only the variables the generated bodies use are declared (plus agent).
# --------------------------------------------------------------------------

VARIABLES = {
    "agent": ("Your first name, as the customer should see it", "Julie", "the Acme team", None),
    "name": ("Customer's first name", "Sarah", None, None),
    "ticket": ("Ticket number, digits only (filled from the chat ID)", "4821", None, "^[0-9]+$"),
    "order": ("Order number, digits only", "1245", None, "^[0-9]+$"),
    "customer_type": ("Customer segment: new, loyal, vip, business or any", "vip", "any", "^(new|loyal|vip|business|any)$"),
    "tracking_url": ("Carrier tracking link for the parcel", "https://track.acme.example/1Z999AA10123456784", None, "^https://"),
    "eta": ("Expected delivery or resolution time, in plain words", "Thursday afternoon", None, None),
    "delivery_date": ("Promised delivery date, in plain words", "Friday 28 November", None, None),
    "amount": ("Amount with its currency", "€49.90", None, None),
    "refund_days": ("Business days before a refund shows on the customer's statement", "5", "5-10", "^[0-9]+(-[0-9]+)?$"),
    "return_label_url": ("Link to the prepaid return label", "https://returns.acme.example/label/8f3k2", None, "^https://"),
    "reset_url": ("Password reset link generated in the admin console", "https://acme.example/reset/7Hq2Lx", None, "^https://"),
    "email": ("Customer's email address", "sarah@example.com", None, r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "incident_url": ("Public status page or incident link", "https://status.acme.example/incidents/412", "https://status.acme.example", "^https://"),
    "invoice": ("Invoice number", "INV-2026-0412", None, "^INV-[0-9]{4}-[0-9]{4,}$"),
    "due_date": ("Due or expiry date, in plain words", "15 December 2026", None, None),
    "company": ("Business customer's company name", "Northwind Ltd", None, None),
    "account_manager": ("First name of the business customer's account manager", "Marc", None, None),
    "plan": ("Subscription plan name", "Acme Plus", None, None),
    "product": ("Product name as shown in the shop", "Trailblazer 30L backpack", None, None),
    "discount_code": ("Discount code, capital letters and digits", "THANKYOU15", None, "^[A-Z0-9]+$"),
    "points": ("Loyalty points balance, digits only", "1250", None, "^[0-9]+$"),
}

VAR_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")
SLOT_RE = re.compile(r"<([a-z_]+)>")
TAG_RE = re.compile(r"\{[%{].*?[%}]\}")
# French elision after building titles from parts: "de un" -> "d'un", ...
ELISION_RE = re.compile(r"\b(?:(d)e|(l)[ae]|(qu)e) (?=[aeiouhéèêàAEIOUÉ])")
ELISION_DU_RE = re.compile(r"\bdu (?=[aeiouhéèêàAEIOUÉ])")


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------


def compile_pairs(pairs):
    """Pre-parse (en, fr) templates into (en, fr, slots, vars)."""
    out = []
    for en, fr in pairs:
        slots = tuple(sorted(set(SLOT_RE.findall(en))))
        if slots != tuple(sorted(set(SLOT_RE.findall(fr)))):
            raise AssertionError(f"slot mismatch: {en!r} / {fr!r}")
        ven, vfr = set(VAR_RE.findall(en)), set(VAR_RE.findall(fr))
        if ven != vfr:
            raise AssertionError(f"variable mismatch: {en!r} / {fr!r}")
        for v in ven:
            if v not in VARIABLES:
                raise AssertionError(f"undeclared variable {v!r} in {en!r}")
        out.append((en, fr, slots, tuple(sorted(ven))))
    return out


C_GREETINGS = compile_pairs(GREETINGS)
C_GREETING_VIP = compile_pairs([GREETING_VIP])[0]
C_OPENINGS = compile_pairs(OPENINGS)
C_CLOSINGS = compile_pairs(CLOSINGS)
C_GENERIC = compile_pairs(GENERIC_SENTENCES)
C_TOPIC = {t: compile_pairs(p) for t, p in TOPIC_SENTENCES.items()}
C_CONDITIONAL = compile_pairs(CONDITIONAL_SENTENCES)


def words(text: str) -> int:
    return len(TAG_RE.sub(" ", text).split())


def fill(rng: random.Random, tpl):
    """Fill a compiled template's <slots> identically in both languages."""
    en, fr, slots, vars_ = tpl
    for slot in slots:
        s_en, s_fr = rng.choice(SLOTS[slot])
        marker = f"<{slot}>"
        en = en.replace(marker, s_en)
        fr = fr.replace(marker, s_fr)
    return en, fr, vars_


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def french_elide(s: str) -> str:
    s = ELISION_DU_RE.sub("de l'", s)
    return ELISION_RE.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + "'", s)


def make_title(rng: random.Random, topic: str):
    vocab = TITLE_VOCAB[topic]
    for _ in range(50):
        s_en, s_fr, gender, s_slug, s_short = rng.choice(vocab["subjects"])
        sit_en, sit_fr, sit_slug = rng.choice(vocab["situations"])
        if topic in ITEM_TOPICS and rng.random() < ITEM_CONTEXT_RATE:
            item_en, item_fr = rng.choice(ITEMS)
            ctx_en, ctx_fr = f"for a {item_en} order", f"pour une commande de {item_fr}"
        else:
            ctx_en, ctx_fr = rng.choice(vocab["contexts"])
        fem = gender == "f"
        head_en = sit_en.replace("{a}", "an" if s_en[0].lower() in "aeiou" else "a").replace("{s}", s_en)
        head_fr = (
            sit_fr.replace("{s}", s_fr)
            .replace("{e}", "e" if fem else "")
            .replace("{un}", "une" if fem else "un")
            .replace("{le}", "la" if fem else "le")
            .replace("{du}", "de la" if fem else "du")
        )
        en = f"{cap(head_en)} {ctx_en}"
        fr = f"{head_fr} {ctx_fr}"
        audience = None
        n = len(en.split())
        if n < 5 or rng.random() < AUDIENCE_RATE:
            aud = rng.choice(AUDIENCES)
            if n + len(aud[0].split()) <= 10:
                en, fr, audience = f"{en} {aud[0]}", f"{fr} {aud[1]}", aud[2]
                n = len(en.split())
        # Skip clumsy combinations: "... for a first order for a team order",
        # "Checkout outage during a major outage".
        lowered = [w.lower() for w in en.split() if len(w) >= 5]
        if en.count(" for ") > 1 or len(set(lowered)) < len(lowered):
            continue
        if 5 <= n <= 10:
            return en, cap(french_elide(fr)), s_slug, sit_slug, s_short, audience
    raise AssertionError(f"cannot build a 5-10 word title for {topic}")


def make_body(rng: random.Random, topic: str, greeting, conditional: bool):
    """Return (en, fr, variables) for a body of 40-120 English words."""
    used = set()
    g_en, g_fr, v = fill(rng, greeting)
    used.update(v)
    o_en, o_fr, v = fill(rng, rng.choice(C_OPENINGS))
    used.update(v)
    c_en, c_fr, v = fill(rng, rng.choice(C_CLOSINGS))
    used.update(v)
    cond = None
    if conditional:
        cond = fill(rng, rng.choice(C_CONDITIONAL))
        used.update(cond[2])

    fixed = words(g_en) + words(o_en) + words(c_en) + (words(cond[0]) if cond else 0)
    target = rng.randint(40, 120)
    topic_pool = C_TOPIC[topic]
    pool = rng.sample(topic_pool, len(topic_pool))
    # Mix in a few cross-topic sentences, so bodies mention orders, refunds,
    # delivery, invoices... whatever their topic.
    pos = rng.randint(1, 3)
    pool[pos:pos] = rng.sample(C_GENERIC, rng.randint(0, 3))
    pool += rng.sample(C_GENERIC, len(C_GENERIC))
    middle, total, seen = [], fixed, set()
    for tpl in pool:
        if total >= target and middle:
            break
        if tpl[0] in seen:
            continue
        en, fr, v = fill(rng, tpl)
        n = words(en)
        if total + n > 120:
            continue
        seen.add(tpl[0])
        middle.append((en, fr))
        used.update(v)
        total += n
    if total < 40:
        raise AssertionError(f"body too short ({total} words) in {topic}")

    # Split the middle sentences into 1-3 paragraphs; the opening starts the
    # first one, the closing is a paragraph of its own or ends the last one.
    k = len(middle)
    n_par = 1 if k <= 2 else rng.randint(1, min(3, k))
    cuts = sorted(rng.sample(range(1, k), n_par - 1)) if n_par > 1 else []
    bounds = [0, *cuts, k]
    par_en, par_fr = [], []
    for i in range(n_par):
        chunk = middle[bounds[i]:bounds[i + 1]]
        en = [s[0] for s in chunk]
        fr = [s[1] for s in chunk]
        if i == 0:
            en.insert(0, o_en)
            fr.insert(0, o_fr)
        par_en.append(en)
        par_fr.append(fr)
    # With a conditional block, the closing comes after it, in its own paragraph.
    closing_alone = cond is not None or rng.random() < 0.7
    if not closing_alone:
        par_en[-1].append(c_en)
        par_fr[-1].append(c_fr)

    def assemble(greet, pars, cond_text, closing):
        parts = [greet, ""]
        for j, p in enumerate(pars):
            if j:
                parts.append("")
            # A sentence ending with a link goes on its own line, as people write.
            line = []
            for s in p:
                line.append(s)
                if s.endswith("}}"):
                    parts.append(" ".join(line))
                    line = []
            if line:
                parts.append(" ".join(line))
        if cond_text is not None:
            parts.append('{% if customer_type == "vip" %}')
            parts.append(cond_text)
            parts.append("{% endif %}")
        if closing is not None:
            parts.append("")
            parts.append(closing)
        parts.append("")
        parts.append(SIGNATURE)
        return "\n".join(parts)

    body_en = assemble(g_en, par_en, cond[0] if cond else None, c_en if closing_alone else None)
    body_fr = assemble(g_fr, par_fr, cond[1] if cond else None, c_fr if closing_alone else None)
    if conditional:
        used.add("customer_type")
    return body_en, body_fr, used


def rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def toml_str(s: str) -> str:
    """A one-line TOML basic string."""
    if any(c in s for c in '"\\\n\r\t') or any(ord(c) < 32 for c in s):
        raise AssertionError(f"unexpected character in {s!r}")
    return f'"{s}"'


def toml_body(s: str) -> str:
    """A TOML multi-line basic string that needs no escaping."""
    if "\\" in s or '"""' in s or s.endswith('"'):
        raise AssertionError(f"body would need escaping: {s!r}")
    return f'"""\n{s}"""'


def toml_list(items) -> str:
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def split_counts(total: int):
    """Responses per topic, by largest remainder on TOPIC_WEIGHTS."""
    wsum = sum(w for _, w in TOPIC_WEIGHTS)
    exact = [(t, total * w / wsum) for t, w in TOPIC_WEIGHTS]
    counts = {t: int(x) for t, x in exact}
    rest = total - sum(counts.values())
    for t, x in sorted(exact, key=lambda p: (-(p[1] - int(p[1])), TOPICS.index(p[0])))[:rest]:
        counts[t] += 1
    return counts


def plan_files(total: int):
    """[(relative path, topic, n responses)] in library order."""
    plan = []
    for topic, n in split_counts(total).items():
        if n == 0:
            continue
        k = max(1, round(n / RESPONSES_PER_FILE))
        base, extra = divmod(n, k)
        for i in range(k):
            plan.append((f"{topic}/{topic}-{i + 1:04d}.toml", topic, base + (1 if i < extra else 0)))
    return plan


def make_examples(rng: random.Random, title: str, tags, lang: str):
    """Three ways a customer might ask, built from the title and tags: not
    real phrasing, but the size and vocabulary `suggest` has to handle."""
    t = title[0].lower() + title[1:]
    if lang == "fr":
        forms = [f"bonjour, {t} ?", f"j'ai un souci : {t}", f"question sur {' '.join(tags)}", f"aidez-moi, {t} svp"]
    else:
        forms = [f"hi, {t}?", f"I have a problem: {t}", f"question about {' '.join(tags)}", f"please help, {t}"]
    return rng.sample(forms, 3)


def generate(count: int, seed: int, out_dir: str, flat_path: str | None, header: str, examples: bool = False):
    """Write the library; return (files written, bytes written, stats)."""
    rng = random.Random(seed)
    plan = plan_files(count)
    width = max(5, len(str(count)))
    used_vars = {"agent"}
    shortcuts_taken: dict[str, int] = {}
    stats = {"shortcut": 0, "expires": 0, "translated": 0}
    flat = open(flat_path, "w", encoding="utf-8", newline="\n") if flat_path else None
    written = []
    nbytes = 0
    seq = 0
    try:
        for rel, topic, n in plan:
            out = [
                f"# {rel} — synthetic benchmark responses ({header}).\n",
                "[defaults]\n",
                f"topic = {toml_str(topic)}\n",
                'lang = "en"\n',
            ]
            for _ in range(n):
                seq += 1
                title_en, title_fr, s_slug, sit_slug, s_short, audience = make_title(rng, topic)
                rid = f"{topic}-{s_slug}-{sit_slug}-{seq:0{width}d}"

                shortcut = None
                if rng.random() < SHORTCUT_RATE:
                    parts = sit_slug.split("-")
                    stem = parts[0] if len(parts[0]) >= 5 else "-".join(parts[:2])
                    base = f"{s_short}-{stem}"
                    k = shortcuts_taken.get(base, 0) + 1
                    shortcuts_taken[base] = k
                    shortcut = base if k == 1 else f"{base}{k}"
                    stats["shortcut"] += 1

                urgency = rng.choices(URGENCIES, URGENCY_WEIGHTS)[0]
                if audience:
                    customer = audience
                else:
                    r = rng.random()
                    if r < 0.45:
                        customer = "any"
                    elif r < 0.75:
                        customer = rng.choice(CUSTOMER_TYPES)
                    else:
                        customer = sorted(rng.sample(CUSTOMER_TYPES, rng.randint(2, 3)), key=CUSTOMER_TYPES.index)

                tags = [s_slug]
                want = rng.randint(2, 4)
                if rng.random() < 0.4 and sit_slug not in tags:
                    tags.append(sit_slug)
                for tag in rng.sample(TAG_POOLS[topic], len(TAG_POOLS[topic])):
                    if len(tags) >= want:
                        break
                    if tag not in tags:
                        tags.append(tag)

                owner = rng.choice(OWNERS[topic])
                reviewed = rand_date(rng, REVIEWED_FROM, REVIEWED_TO)
                expires = None
                if rng.random() < EXPIRES_RATE.get(topic, EXPIRES_RATE_DEFAULT):
                    if rng.random() < 0.5:
                        expires = rand_date(rng, EXPIRED_FROM, EXPIRED_TO)
                    else:
                        expires = rand_date(rng, EXPIRES_FROM, EXPIRES_TO)
                    stats["expires"] += 1
                notes = rng.choice(NOTES) if rng.random() < NOTES_RATE else None

                vip_possible = customer == "any" or customer == "vip" or (isinstance(customer, list) and "vip" in customer)
                conditional = vip_possible and rng.random() < CONDITIONAL_RATE
                is_vip = customer == "vip"
                greeting = C_GREETING_VIP if is_vip else rng.choice(C_GREETINGS)
                body_en, body_fr, vars_ = make_body(rng, topic, greeting, conditional)
                used_vars.update(vars_)
                translated = rng.random() < TRANSLATION_RATE

                out.append("\n[[response]]\n")
                out.append(f"id = {toml_str(rid)}\n")
                out.append(f"title = {toml_str(title_en)}\n")
                if shortcut:
                    out.append(f"shortcut = {toml_str(shortcut)}\n")
                out.append(f"urgency = {toml_str(urgency)}\n")
                out.append(f"customer = {toml_list(customer) if isinstance(customer, list) else toml_str(customer)}\n")
                out.append(f"tags = {toml_list(tags)}\n")
                out.append(f"owner = {toml_str(owner)}\n")
                out.append(f"reviewed = {reviewed.isoformat()}\n")
                if expires:
                    out.append(f"expires = {expires.isoformat()}\n")
                if notes:
                    out.append(f"notes = {toml_str(notes)}\n")
                if examples:
                    out.append(f"examples = {toml_list(make_examples(rng, title_en, tags, 'en'))}\n")
                out.append(f"body = {toml_body(body_en)}\n")
                if translated:
                    stats["translated"] += 1
                    out.append("\n[response.translations.fr]\n")
                    out.append(f"title = {toml_str(title_fr)}\n")
                    if examples:
                        out.append(f"examples = {toml_list(make_examples(rng, title_fr, tags, 'fr'))}\n")
                    out.append(f"body = {toml_body(body_fr)}\n")

                if flat:
                    fields = [rid, shortcut or "", title_en, " ".join(tags), body_en.replace("\n", " ")]
                    if translated:
                        fields += [title_fr, body_fr.replace("\n", " ")]
                    flat.write("\t".join(fields) + "\n")

            data = "".join(out).encode("utf-8")
            path = os.path.join(out_dir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            written.append(path)
            nbytes += len(data)
    finally:
        if flat:
            flat.close()

    manifest = build_manifest(used_vars, header).encode("utf-8")
    path = os.path.join(out_dir, "canned.toml")
    with open(path, "wb") as f:
        f.write(manifest)
    written.append(path)
    nbytes += len(manifest)
    return written, nbytes, stats


def build_manifest(used_vars, header: str) -> str:
    lines = [
        f"# canned.toml — manifest of a synthetic benchmark library ({header}).",
        "# Every *.toml file below this directory (except this one) holds responses.",
        "",
        "[library]",
        'name = "Acme Support (synthetic benchmark)"',
        'default_lang = "en"',
        'languages = ["en", "fr"]',
        f"topics = {toml_list(TOPICS)}",
        f"customer_types = {toml_list(CUSTOMER_TYPES)}",
        "stale_after_days = 180",
        'jargon = ["backend", "SLA", "API", "escalation matrix", "ticket queue"]',
    ]
    for name, (desc, example, default, pattern) in VARIABLES.items():
        if name not in used_vars:
            continue
        lines += ["", f"[variables.{name}]", f"description = {toml_str(desc)}", f"example = {toml_str(example)}"]
        if default is not None:
            lines.append(f"default = {toml_str(default)}")
        if pattern is not None:
            # Literal string: patterns contain backslashes.
            if "'" in pattern:
                raise AssertionError(pattern)
            lines.append(f"pattern = '{pattern}'")
    lines += ["", "[partials]", 'signature = "— {{ agent }}, Acme Support"', ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--count", type=int, required=True, metavar="N", help="number of responses to write")
    parser.add_argument("--out", required=True, metavar="DIR", help="library directory to create (must be empty or missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1); same seed and count, same bytes")
    parser.add_argument("--flat", metavar="FILE", help="also write one tab-separated line per response, for fzf --filter")
    parser.add_argument("--force", action="store_true", help="write into a non-empty DIR, replacing only the files this run writes")
    parser.add_argument("--examples", action="store_true", help="give every response and translation three `examples` (for `suggest`)")
    args = parser.parse_args(argv)

    if args.count < 1:
        parser.error("--count must be at least 1")
    out_dir = args.out
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        print(f"generate.py: {out_dir} exists and is not a directory", file=sys.stderr)
        return 1

    plan = plan_files(args.count)
    targets = [os.path.join(out_dir, rel) for rel, _, _ in plan] + [os.path.join(out_dir, "canned.toml")]
    if os.path.isdir(out_dir) and any(True for _ in os.scandir(out_dir)):
        if not args.force:
            print(
                f"generate.py: {out_dir} is not empty; choose an empty or new directory, "
                "or pass --force to replace the files this run writes",
                file=sys.stderr,
            )
            return 1
        for path in targets:
            if os.path.isfile(path) or os.path.islink(path):
                os.unlink(path)
    if args.flat and os.path.exists(args.flat) and not args.force:
        print(f"generate.py: {args.flat} already exists; pass --force to replace it", file=sys.stderr)
        return 1
    os.makedirs(out_dir, exist_ok=True)

    header = f"bench/generate.py --count {args.count} --seed {args.seed}"
    start = time.perf_counter()
    written, nbytes, stats = generate(args.count, args.seed, out_dir, args.flat, header, examples=args.examples)
    elapsed = time.perf_counter() - start

    if args.force:
        mine = {os.path.abspath(p) for p in written}
        others = 0
        for root, dirs, files in os.walk(out_dir):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            others += sum(
                1 for f in files
                if f.endswith(".toml") and not f.startswith(".") and os.path.abspath(os.path.join(root, f)) not in mine
            )
        if others:
            print(f"generate.py: warning: {others} other *.toml file(s) in {out_dir} were left alone "
                  "and will be loaded as part of the library", file=sys.stderr)

    flat_note = f", flat {os.path.getsize(args.flat):,} bytes" if args.flat else ""
    print(
        f"generate.py: {args.count:,} responses ({stats['translated']:,} with French, "
        f"{stats['shortcut']:,} shortcuts, {stats['expires']:,} expiring) in {len(written):,} files, "
        f"{nbytes:,} bytes, written to {out_dir} in {elapsed:.1f}s{flat_note}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
