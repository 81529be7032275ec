//! French sentences, built from clause parts, with gender and number
//! agreement, elision and contraction (see [`tidy`]).

use super::{brand, finish, list, person, place, year, Person, PickRef};
use crate::gen::LangCode;
use crate::rng::Rng;

// ------------------------------------------------------------- lexicon

const FIRST: &str = "Jean Marie Pierre Sophie Nicolas Isabelle Laurent Nathalie Julien Camille \
    François Claire Mathieu Émilie Olivier Aurélie Karim Léa Philippe Sandrine Thierry Amina \
    Benoît Hélène Yann Céline Rachid Manon Gilles Valérie Hugo Inès Didier Agnès Bastien Solène \
    Frédéric Chloé Arnaud Nadia Romain Margaux Sébastien Élise Loïc Fatou Vincent Josiane \
    Guillaume Anaïs Jérôme Pauline Mehdi Clémence Cédric Lucie Stéphane Ophélie Alain Yasmina \
    Gaëtan Maëlle Patrice Odile Fabien Bérénice Hervé Rosalie Samuel Gwenaëlle Xavier Noémie \
    Damien Louise Tristan Sylvie Marius Adèle Moussa Héloïse Renaud Corinne";
const LAST: &str = "Martin Bernard Dubois Lefèvre Moreau Girard Benali Roux Fournier Lambert \
    Fontaine Chevalier Garnier Mercier Bonnet Rousseau Blanchard Guérin Perrin Morin Haddad \
    Lemoine Marchand Barbier Colin Renaud Arnaud Picard Leclerc Aubert Diallo Brunet Schmitt \
    Carpentier Vasseur Lacroix Joly Gauthier Rolland Masson Noël Caron Bouvier Lebrun Meunier \
    Tessier Charpentier Ferrand Leroux Poulain Delmas Besson Guillot Hamon Marechal Pasquier \
    Royer Vidal Texier Maillard Hoarau Le_Goff Le_Gall Kerbrat Ollivier Rivière Durand Faure \
    Sanchez Ferreira Nguyen Boyer Rey Chauvin Leblanc Baron Collet Jacquet Huet Petitjean \
    Boucher Laurent Mallet Bertin Prévost Riviere Cordier Millet";

/// Nouns for plans, events, places and problems: `+` feminine, `*` takes a
/// "de" complement ("le plan de relance"), `sg:pl` irregular plural.
const THINGS: &str = "*projet +*réforme accord +*enquête *rapport +*proposition *budget \
    +grève +élection contrat +décision *plan +fusion +*taxe +loi procès +*campagne sommet \
    *programme pont hôpital chantier festival:festivals +hausse +baisse recours +*subvention \
    +pénurie référendum +coalition +manifestation verdict +retraite *audit +*consultation \
    *dispositif +*mesure +*stratégie +*politique +*règle +*interdiction +redevance +*prime \
    +*aide prêt *fonds +pension +*allocation tarif +amende +*indemnité loyer +ligne \
    +gare aéroport +clinique +école collège lycée +médiathèque musée stade port +digue \
    barrage +centrale parc_éolien:parcs_éoliens +usine entrepôt +prison tribunal marché \
    +piscine +salle_des_fêtes:salles_des_fêtes gymnase +crèche +maison_de_santé:maisons_de_santé \
    +station_d'épuration:stations_d'épuration +déchetterie +rocade +autoroute +piste_cyclable:pistes_cyclables \
    +voie_verte:voies_vertes tramway +navette rond-point +passerelle quai +zone_commerciale:zones_commerciales \
    lotissement +résidence +friche +carrière +décharge incinérateur laboratoire +*étude \
    *sondage +*expertise diagnostic +*évaluation *bilan +*concertation débat +pétition \
    +motion amendement +résolution +*convention +*charte *protocole *partenariat +alliance \
    *réseau +*plateforme *site logiciel +application fichier +*licence permis +autorisation \
    +*dérogation +*prolongation *report +suppression +fermeture +ouverture +*réouverture \
    +rénovation +*extension +*restructuration +*privatisation +*nationalisation \
    +*modernisation +*relocalisation +délocalisation +*cession +*acquisition +*vente rachat \
    +*offre appel_d'offres:appels_d'offres +commande +livraison +flotte +*flambée +*chute \
    +*crise +sécheresse +inondation +tempête +canicule incendie glissement_de_terrain:glissements_de_terrain \
    +*épidémie scandale *conflit litige +*plainte *contentieux +décision_de_justice:décisions_de_justice \
    +*condamnation +relaxe +*sanction +*fraude +*dette déficit excédent bénéfice +perte \
    +*prévision *objectif quota +*échéance calendrier +*procédure +*négociation \
    +*médiation +*rencontre +*réunion colloque salon +foire +*exposition concert +*vente_aux_enchères:ventes_aux_enchères \
    +cérémonie +commémoration anniversaire +*visite +tournée +*mission +*expédition \
    +*reprise +*récession +*embellie +*accalmie ralentissement +*relance +*mobilisation \
    rassemblement défilé *blocage +*occupation +grève_de_la_faim:grèves_de_la_faim +*pétition \
    +*rupture +*démission +*nomination +*candidature scrutin +*primaire +*motion_de_censure:motions_de_censure \
    +*réquisition +*sanction +*pénalité +*compensation +*indemnisation +*revalorisation \
    +*augmentation +*diminution +*suppression_de_postes:suppressions_de_postes +*embauche \
    +*formation +*bourse prix trophée championnat +*finale derby match +course +régate \
    marathon carnaval feu_d'artifice:feux_d'artifice +veillée hommage \
    jumelage +fusion_de_communes:fusions_de_communes +*intercommunalité *schéma \
    +*feuille_de_route:feuilles_de_route *cahier_des_charges:cahiers_des_charges \
    +*enveloppe *budget_annexe:budgets_annexes *emprunt +*garantie +*caution *moratoire \
    +*trêve +*dotation +*cotisation +*franchise *forfait +*vignette +*collecte *tri \
    +*campagne_de_vaccination:campagnes_de_vaccination +*opération +*intervention +*évacuation \
    +*alerte +*vigilance +*mise_en_demeure:mises_en_demeure +*injonction +*ordonnance +*saisine";

/// Complements of modifiable nouns ("de relance", "d'urgence").
const MODIFIERS: &str = "rénovation relance sauvegarde transport santé logement formation \
    recrutement modernisation sécurité prévention soutien financement développement \
    reconstruction restructuration mobilité stationnement circulation chauffage urgence \
    investissement aménagement accueil entretien économies solidarité protection \
    revitalisation dépollution désenclavement reboisement irrigation assainissement \
    vaccination dépistage recherche innovation transition reconversion remplacement \
    réhabilitation construction démolition extension raccordement numérisation \
    simplification régulation contrôle surveillance sensibilisation insertion apprentissage \
    alternance rémunération revalorisation compensation indemnisation reclassement \
    reprise cession fusion sortie crise ville quartier territoire proximité loisirs \
    tourisme pêche chasse montagne littoral fret voyageurs";

/// Groups of people (plural); `+` feminine.
const GROUPS: &str = "salariés habitants investisseurs électeurs étudiants agriculteurs \
    médecins +infirmières enseignants chauffeurs actionnaires locataires retraités pêcheurs \
    élus policiers patients +familles commerçants ingénieurs pilotes bénévoles fournisseurs \
    usagers riverains artisans cheminots contrôleurs_aériens fonctionnaires lycéens \
    chercheurs internes +sages-femmes pompiers gendarmes militaires propriétaires \
    automobilistes cyclistes voyageurs touristes supporters militants manifestants \
    syndicalistes députés sénateurs maires conseillers_municipaux magistrats avocats juges \
    viticulteurs éleveurs producteurs_de_lait boulangers restaurateurs hôteliers pharmaciens \
    dentistes +aides-soignantes ambulanciers dockers mineurs ouvriers intérimaires chômeurs \
    demandeurs_d'emploi jeunes seniors +associations +entreprises +collectivités +communes \
    +banques +compagnies_aériennes constructeurs +PME +start-up parents_d'élèves élèves \
    apprentis saisonniers routiers taxis agents_hospitaliers +auxiliaires_de_vie \
    éducateurs surveillants postiers facteurs cadres employés vendeurs +caissières \
    maraîchers ostréiculteurs apiculteurs forestiers bûcherons chasseurs randonneurs \
    skieurs plaisanciers commerçants_ambulants forains artistes musiciens comédiens \
    libraires éditeurs journalistes architectes urbanistes géomètres notaires \
    agents_immobiliers bailleurs_sociaux copropriétaires +mutuelles assureurs transporteurs \
    exploitants industriels +infirmières_libérales kinésithérapeutes vétérinaires \
    orthophonistes psychologues sapeurs-pompiers secouristes +familles_d'accueil \
    demandeurs_d'asile +personnes_âgées +personnes_handicapées +mères_de_famille \
    étudiants_étrangers +grandes_surfaces";

/// Job titles used with "de" an organisation: `masc:fem`.
const ORG_ROLES: &str = "porte-parole président:présidente directeur:directrice \
    directeur_général:directrice_générale secrétaire_général:secrétaire_générale \
    délégué_syndical:déléguée_syndicale responsable avocat:avocate économiste \
    chercheur:chercheuse trésorier:trésorière fondateur:fondatrice vice-président:vice-présidente \
    administrateur:administratrice conseiller:conseillère chargé_de_mission:chargée_de_mission \
    chef_de_projet:cheffe_de_projet ingénieur:ingénieure médecin chirurgien:chirurgienne \
    juriste analyste représentant:représentante coordinateur:coordinatrice \
    directeur_financier:directrice_financière responsable_de_la_communication \
    directeur_adjoint:directrice_adjointe secrétaire cadre délégué:déléguée \
    animateur:animatrice gestionnaire architecte conservateur:conservatrice \
    entraîneur:entraîneuse capitaine chef_de_service:cheffe_de_service";
/// Titles used with "de" a place.
const PLACE_ROLES: &str = "maire adjoint_au_maire:adjointe_au_maire préfet:préfète \
    député:députée sénateur:sénatrice conseiller_départemental:conseillère_départementale \
    procureur:procureure évêque commissaire sous-préfet:sous-préfète recteur:rectrice \
    conseiller_régional:conseillère_régionale premier_adjoint:première_adjointe \
    conseiller_municipal:conseillère_municipale pasteur:pasteure juge_des_enfants \
    directeur_de_l'hôpital:directrice_de_l'hôpital proviseur:proviseure \
    commandant_de_gendarmerie:commandante_de_gendarmerie chef_des_pompiers:cheffe_des_pompiers";
/// Ordinary people quoted in news: `masc:fem`.
const PEOPLE_ROLES: &str = "habitant:habitante commerçant:commerçante infirmier:infirmière \
    agriculteur:agricultrice enseignant:enseignante usager:usagère parent_d'élève \
    étudiant:étudiante retraité:retraitée propriétaire locataire restaurateur:restauratrice \
    artisan:artisane boulanger:boulangère viticulteur:viticultrice éleveur:éleveuse \
    pharmacien:pharmacienne bénévole riverain:riveraine voisin:voisine témoin \
    aide-soignant:aide-soignante apiculteur:apicultrice fleuriste coiffeur:coiffeuse libraire \
    cafetier:cafetière maraîcher:maraîchère ostréiculteur:ostréicultrice guide \
    moniteur_de_ski:monitrice_de_ski chauffeur_de_bus:conductrice_de_bus pêcheur:pêcheuse \
    agent_d'entretien:agente_d'entretien gardien:gardienne facteur:factrice \
    boucher:bouchère électricien:électricienne plombier:plombière mécanicien:mécanicienne";
/// Titles before a surname: `masc:fem`.
const TITLES: &str = "le_docteur:la_docteure le_professeur:la_professeure Me:Me \
    le_commissaire:la_commissaire le_capitaine:la_capitaine le_juge:la_juge \
    le_colonel:la_colonelle le_sénateur:la_sénatrice le_député:la_députée le_maire:la_maire \
    le_général:la_générale le_lieutenant:la_lieutenante l'abbé:la_pasteure";

/// Kinds of local organisations, with "de <place>" after them; `+` feminine.
const ORG_KINDS: &str = "+chambre_de_commerce +chambre_d'agriculture +fédération_des_chasseurs \
    syndicat_des_eaux +régie_des_transports office_de_tourisme centre_hospitalier \
    +clinique +université +association_des_commerçants collectif_des_riverains \
    comité_des_fêtes club_de_football +société_de_pêche +coopérative_agricole \
    conservatoire musée +bibliothèque_municipale port_autonome \
    aéroport +mutuelle +école_de_musique \
    théâtre +compagnie_de_théâtre orchestre +maison_de_retraite syndicat_agricole \
    +union_locale +fédération_du_bâtiment groupement_des_producteurs +amicale_des_pompiers \
    bailleur_social +régie_des_eaux observatoire_régional syndicat_mixte lycée_agricole \
    +communauté_de_communes conseil_de_quartier +association_des_usagers comité_de_défense \
    club_de_rugby club_de_handball +société_nautique \
    +banque_alimentaire +ressourcerie +fondation +coopérative_laitière +criée +halle \
    centre_social +maison_des_jeunes parc_naturel +réserve_naturelle golf hippodrome \
    +chorale +fanfare +académie +cave_coopérative +distillerie +brasserie";
/// Kinds of companies before a brand name; `+` feminine.
const COMPANY_KINDS: &str = "groupe +société +entreprise constructeur industriel \
    transporteur +start-up distributeur équipementier laboratoire fabricant promoteur \
    opérateur +enseigne +chaîne +compagnie +coopérative +mutuelle +banque assureur \
    spécialiste leader +filiale +PME +foncière +brasserie +conserverie +papeterie +verrerie \
    +fonderie +scierie +minoterie +imprimerie";
const BODIES: &str = "ministère +direction +agence +autorité +inspection +commission \
    observatoire conseil office service +mission +délégation";

/// Policy areas, with their article.
const TOPICS: &str = "la_santé l'éducation le_logement les_transports l'énergie la_défense \
    la_justice l'agriculture la_pêche le_tourisme le_commerce l'industrie la_culture le_sport \
    les_finances_publiques l'emploi l'immigration l'environnement l'eau la_sécurité \
    les_retraites la_petite_enfance le_numérique l'urbanisme le_climat la_sécurité_routière \
    la_santé_mentale la_dépendance l'enseignement_supérieur les_déchets le_recyclage \
    la_qualité_de_l'air les_inondations l'inflation le_chômage la_délinquance la_pauvreté \
    la_fiscalité la_forêt le_transport_maritime l'aviation les_banques les_assurances \
    le_commerce_de_détail les_médias la_recherche la_cybersécurité le_patrimoine la_jeunesse \
    le_rail les_routes les_ports la_concurrence la_consommation la_protection_des_données \
    les_jeux_d'argent les_prisons les_tribunaux les_frontières les_douanes la_dette \
    la_ruralité le_littoral la_biodiversité le_bien-être_animal la_vaccination \
    les_urgences la_maternité l'hôpital_public la_formation_professionnelle l'apprentissage \
    le_handicap la_vie_associative l'aménagement_du_territoire la_montagne la_mer";

/// Adjectives: `masc[:fem[:masc_pl[:masc_before_vowel]]]`; `<` before the noun.
const ADJS: &str = "<nouveau:nouvelle:nouveaux:nouvel <grand <petit <ancien:ancienne \
    <premier:première <dernier:dernière <vaste <gros:grosse:gros <vrai <seul <véritable \
    <important <long:longue:longs <bref:brève <vieux:vieille:vieux:vieil <jeune <haut \
    controversé attendu national régional coûteux ambitieux provisoire inattendu officiel \
    fragile historique modeste contesté local européen municipal discret:discrète massif \
    inédit départemental communal intercommunal rural urbain public:publique privé \
    international économique politique social financier:financière juridique médical \
    environnemental militaire judiciaire agricole industriel commercial culturel éducatif \
    majeur mineur significatif substantiel brutal progressif léger:légère spectaculaire \
    soudain inattendu populaire impopulaire radical prudent audacieux fragile temporaire \
    permanent intérimaire préliminaire définitif initial annuel mensuel hebdomadaire \
    saisonnier:saisonnière pluriannuel quinquennal décennal cher:chère abordable révisé \
    actualisé amendé prévu retardé bloqué avorté réussi clé crucial critique urgent grave \
    sévère généralisé croissant inédit rare supplémentaire distinct conjoint \
    indépendant officieux secret:secrète confidentiel détaillé large ambitieux limité \
    strict sévère vert:verte numérique gratuit payant transfrontalier transpartisan \
    emblématique vétuste délabré surpeuplé sous-financé vacant désaffecté abandonné \
    animé calme isolé voisin proche ancien:ancienne récent prochain:prochaine actuel:actuelle \
    original alternatif:alternative parallèle volontaire obligatoire facultatif:facultative \
    expérimental innovant pionnier:pionnière obsolète tardif:tardive prématuré régulier:régulière \
    ponctuel:ponctuelle quotidien:quotidienne progressif:progressive étalé exceptionnel:exceptionnelle \
    inhabituel:inhabituelle discuté attendu:attendue contraignant décisif:décisive sensible \
    épineux houleux tendu serré modeste colossal:colossale:colossaux lourd massif:massive";

const ADVS: &str = "discrètement officiellement rapidement progressivement largement \
    partiellement temporairement définitivement formellement publiquement fermement \
    clairement brièvement immédiatement pleinement longuement également aussi encore \
    notamment prudemment sérieusement timidement massivement unanimement";
/// Short adverbs after a finite verb or auxiliary.
const SHORT_ADVS: &[&str] = &[
    "déjà",
    "encore",
    "aussi",
    "bien",
    "même",
    "alors",
    "donc",
    "enfin",
    "ainsi",
    "toujours",
    "vite",
    "mal",
    "peu",
    "tout de suite",
    "bel et bien",
    "en effet",
    "de fait",
    "là aussi",
];
/// Degree adverbs before predicate adjectives.
const DEGREE: &[&str] = &[
    "très",
    "trop",
    "plus",
    "moins",
    "si",
    "assez",
    "bien",
    "peu",
    "encore plus",
    "de plus en plus",
    "tout à fait",
    "un peu",
    "pas très",
    "vraiment",
    "fort",
    "déjà très",
];
const PAST_ADVS: &str = "déjà finalement récemment enfin précédemment longtemps \
    initialement";
const FRONT_ADVS: &str = "Par_ailleurs En_revanche Pourtant Cependant De_son_côté Entre-temps \
    Dans_le_même_temps En_attendant Pour_l'heure Jusqu'ici Désormais Toutefois Néanmoins \
    Ainsi En_outre De_plus Au_total En_effet Officiellement Localement Concrètement \
    En_pratique À_terme À_court_terme Dans_un_premier_temps Paradoxalement Sans_surprise \
    Autrement_dit Pour_autant Du_reste En_parallèle Là_encore Une_fois_encore Cette_fois \
    À_l'inverse Dès_lors Depuis Aujourd'hui Hier Pour_l'instant À_ce_stade En_clair \
    Sur_le_terrain Au_final D'ores_et_déjà";
const SUBORDS: &str = "après_que parce_que alors_que tandis_que puisque depuis_que dès_que \
    lorsque quand si même_si comme pendant_que maintenant_que au_moment_où tant_que \
    d'autant_plus_que";

/// Transitive verbs taking a thing as object. Regular `-er`, `-ir*` (second
/// group) and `-dre` verbs are given by their infinitive; others as
/// `inf|3sg|3pl|participle|future stem|imperfect stem`. `_` joins a fixed
/// tail ("faire_appel").
const VERBS: &str = "examiner rejeter|rejette|rejettent|rejeté|rejetter|rejet soutenir|soutient|soutiennent|soutenu|soutiendr|souten \
    financer reporter annoncer présenter suspendre prolonger contester défendre élargir* \
    bloquer renégocier abandonner valider relancer revoir|revoit|revoient|revu|reverr|revoy \
    approuver adopter voter signer ratifier appliquer lancer dévoiler publier retirer \
    geler|gèle|gèlent|gelé|gèler|gel annuler arrêter achever|achève|achèvent|achevé|achèver|achev \
    ouvrir|ouvre|ouvrent|ouvert|ouvrir|ouvr fermer rouvrir|rouvre|rouvrent|rouvert|rouvrir|rouvr \
    construire|construit|construisent|construit|construir|construis reconstruire|reconstruit|reconstruisent|reconstruit|reconstruir|reconstruis \
    rénover réparer remplacer moderniser démolir* vendre acheter|achète|achètent|acheté|achèter|achet \
    racheter|rachète|rachètent|racheté|rachèter|rachet acquérir|acquiert|acquièrent|acquis|acquerr|acquér \
    privatiser nationaliser auditer inspecter surveiller évaluer mesurer questionner \
    condamner saluer protéger|protège|protègent|protégé|protéger|protége garantir* promouvoir|promeut|promeuvent|promu|promouvr|promouv \
    simplifier durcir* assouplir* alléger|allège|allègent|allégé|alléger|allége lever|lève|lèvent|levé|lèver|lev \
    imposer relever|relève|relèvent|relevé|relèver|relev réduire|réduit|réduisent|réduit|réduir|réduis \
    augmenter doubler plafonner limiter restreindre|restreint|restreignent|restreint|restreindr|restreign \
    encadrer renforcer affaiblir* fragiliser menacer sauver relancer restaurer réformer \
    restructurer réorganiser fusionner transférer|transfère|transfèrent|transféré|transférer|transfér \
    délocaliser déplacer programmer organiser accueillir|accueille|accueillent|accueilli|accueiller|accueill \
    boycotter perturber réclamer exiger demander obtenir|obtient|obtiennent|obtenu|obtiendr|obten \
    recevoir|reçoit|reçoivent|reçu|recevr|recev attribuer allouer distribuer négocier \
    régler|règle|règlent|réglé|régler|régl résoudre|résout|résolvent|résolu|résoudr|résolv \
    gérer|gère|gèrent|géré|gérer|gér piloter superviser coordonner diriger présider \
    rejoindre|rejoint|rejoignent|rejoint|rejoindr|rejoign quitter tenir|tient|tiennent|tenu|tiendr|ten \
    mettre_en_place|met|mettent|mis|mettr|mett mettre_en_œuvre|met|mettent|mis|mettr|mett \
    élaborer rédiger déposer soumettre|soumet|soumettent|soumis|soumettr|soumett \
    casser confirmer démentir|dément|démentent|démenti|démentir|dément porter piloter \
    tester expérimenter édulcorer enterrer accélérer|accélère|accélèrent|accéléré|accélérer|accélér \
    ralentir* autoriser réguler interdire|interdit|interdisent|interdit|interdir|interdis \
    légaliser encadrer indemniser rembourser garantir* assurer célébrer|célèbre|célèbrent|célébré|célébrer|célébr \
    commémorer inaugurer repenser reconsidérer|reconsidère|reconsidèrent|reconsidéré|reconsidérer|reconsidér \
    clarifier préparer concevoir|conçoit|conçoivent|conçu|concevr|concev chiffrer \
    scruter dénoncer applaudir* rejeter|rejette|rejettent|rejeté|rejetter|rejet \
    combattre|combat|combattent|combattu|combattr|combatt sponsoriser promouvoir|promeut|promeuvent|promu|promouvr|promouv \
    exporter importer stocker livrer collecter traiter recycler nettoyer|nettoie|nettoient|nettoyé|nettoier|nettoy \
    draguer drainer isoler installer raccorder relier élargir* piétonniser étendre \
    attendre prendre_en_charge \
    faire_évoluer|fait|font|fait|fer|fais remettre_en_cause|remet|remettent|remis|remettr|remett \
    revendiquer entériner acter chiffrer budgéter boucler finaliser amorcer ajourner \
    reconduire|reconduit|reconduisent|reconduit|reconduir|reconduis pérenniser \
    généraliser étendre recentrer redéfinir* fixer calibrer cofinancer subventionner";

/// Verbs of change for quantities (intransitive).
const CHANGE_VERBS: &str = "augmenter baisser progresser reculer chuter grimper bondir* \
    diminuer doubler tripler stagner plonger remonter rebondir* ralentir* fléchir* \
    dégringoler flamber s'envoler s'effondrer se_stabiliser se_replier redémarrer \
    décrocher|décroche|décrochent|décroché|décrocher|décroch";
/// Intransitive verbs for what groups do.
const ACT_VERBS: &str = "manifester défiler protester se_rassembler se_mobiliser \
    se_réunir* voter débrayer négocier démissionner réagir* s'opposer patienter camper \
    répondre se_plaindre|plaint|plaignent|plaint|plaindr|plaign pétitionner \
    faire_grève|fait|font|fait|fer|fais cesser_le_travail se_mettre_en_grève|met|mettent|mis|mettr|mett \
    s'organiser se_retrouver se_déplacer témoigner riposter résister tenir_bon|tient|tiennent|tenu|tiendr|ten \
    se_retirer reculer céder|cède|cèdent|cédé|céder|céd s'inquiéter|inquiète|inquiètent|inquiété|inquiéter|inquiét \
    se_mobiliser se_rendre_sur_place|rend|rendent|rendu|rendr|rend";
/// Intransitive verbs for things.
const THING_ACTS: &str = "commencer débuter ouvrir|ouvre|ouvrent|ouvert|ouvrir|ouvr fermer \
    reprendre s'achever|achève|achèvent|achevé|achèver|achev prendre_effet échouer aboutir* \
    se_poursuivre|poursuit|poursuivent|poursuivi|poursuivr|poursuiv avancer stagner démarrer \
    s'arrêter durer expirer se_tenir|tient|tiennent|tenu|tiendr|ten se_dérouler capoter piétiner";
/// Verbs of saying or thinking followed by "que" and an indicative clause.
const THINK_VERBS: &str = "affirmer estimer assurer expliquer souligner \
    rappeler|rappelle|rappellent|rappelé|rappeller|rappel indiquer préciser \
    reconnaître|reconnaît|reconnaissent|reconnu|reconnaîtr|reconnaiss juger \
    considérer|considère|considèrent|considéré|considérer|considér espérer|espère|espèrent|espéré|espérer|espér \
    admettre|admet|admettent|admis|admettr|admett annoncer confirmer \
    promettre|promet|promettent|promis|promettr|promett prévenir|prévient|préviennent|prévenu|préviendr|préven \
    avertir* dire|dit|disent|dit|dir|dis écrire|écrit|écrivent|écrit|écrir|écriv \
    marteler|martèle|martèlent|martelé|martèler|martel faire_valoir|fait|font|fait|fer|fais \
    laisser_entendre faire_savoir|fait|font|fait|fer|fais observer noter constater avancer \
    soutenir|soutient|soutiennent|soutenu|soutiendr|souten révéler|révèle|révèlent|révélé|révéler|révél \
    signaler confier déclarer répéter|répète|répètent|répété|répéter|répét ajouter \
    relever|relève|relèvent|relevé|relèver|relev prédire|prédit|prédisent|prédit|prédir|prédis \
    démontrer montrer établir* conclure|conclut|concluent|conclu|conclur|conclu";
/// Verbs taking a person or group, then "à"/"de" and an infinitive:
/// `verb:A` (X à), `verb:B` (à X de), `verb:C` (X de).
const URGE_VERBS: &str = "inviter:A exhorter:A encourager:A pousser:A autoriser:A obliger:A \
    appeler|appelle|appellent|appelé|appeller|appel:A inciter:A contraindre|contraint|contraignent|contraint|contraindr|contraign:A \
    demander:B conseiller:B ordonner:B interdire|interdit|interdisent|interdit|interdir|interdis:B \
    proposer:B recommander:B permettre|permet|permettent|permis|permettr|permett:B \
    sommer:C convaincre|convainc|convainquent|convaincu|convaincr|convainqu:C presser:C \
    charger:C accuser:C soupçonner:C";
const MEET_VERBS: &str = "rencontrer recevoir|reçoit|reçoivent|reçu|recevr|recev interpeller \
    saisir* consulter contacter critiquer accuser attaquer \
    poursuivre|poursuit|poursuivent|poursuivi|poursuivr|poursuiv remercier féliciter convoquer \
    solliciter alerter interroger assigner|assigne|assignent|assigné|assigner|assign \
    soutenir|soutient|soutiennent|soutenu|soutiendr|souten désavouer épingler auditionner";
const REACT_VERBS: &str =
    "susciter provoquer déclencher soulever|soulève|soulèvent|soulevé|soulèver|soulev \
    alimenter raviver apaiser attiser nourrir* entraîner créer relancer";
/// Reactions, with their article.
const REACTIONS: &str = "la_colère l'inquiétude des_inquiétudes la_polémique une_polémique \
    des_critiques l'indignation la_stupeur l'incompréhension la_grogne des_interrogations \
    des_protestations le_débat un_tollé la_méfiance l'espoir des_craintes la_controverse \
    un_malaise des_remous l'agacement la_surprise le_scepticisme la_confusion l'exaspération \
    des_doutes la_satisfaction le_soulagement";
/// Predicates of things: adjectives (agreeing) or `=` invariable phrases.
const THING_PREDS: &str = "impopulaire coûteux:coûteuse:coûteux contesté incertain menacé \
    compromis:compromise:compromis suspendu gelé retardé inachevé insuffisant excessif:excessive \
    prématuré irréaliste viable fragile bloqué controversé attendu critiqué \
    =en_suspens =à_l'arrêt =en_cours =en_retard =au_point_mort =sur_les_rails =en_bonne_voie \
    =à_l'étude =en_vigueur =sur_la_sellette =dans_l'impasse =hors_de_prix =sur_la_table \
    =en_discussion =loin_du_compte";
/// Adjectives of judgement used in quotes (invariable in the singular).
const EVAL_ADJS: &str = "inacceptable inadmissible essentiel indispensable important normal \
    logique inquiétant encourageant décevant positif scandaleux absurde urgent nécessaire \
    possible impossible difficile simple compliqué dangereux incompréhensible regrettable \
    historique injuste juste ridicule légitime choquant rassurant frustrant";
const EVAL_NOUNS: &str = "une_bonne_nouvelle un_scandale un_gâchis une_honte un_soulagement \
    une_victoire un_premier_pas un_signal_fort une_erreur une_aberration un_non-sens \
    une_avancée un_recul un_coup_dur une_étape";
const MASS: &str = "argent temps soutien moyens visibilité personnel volonté \
    concertation transparence confiance dialogue marge solution alternative urgence";
/// Measures for figures: `+` feminine, with "de" and a group or commodity.
const MEASURES: &str = "nombre +part coût prix montant niveau taux volume total +moyenne \
    +proportion +fréquentation +facture";
/// Commodities, with their article.
const COMMODITIES: &str = "le_pain le_lait l'électricité le_gaz l'eau les_loyers le_carburant \
    le_gazole l'essence le_café la_viande_bovine le_blé le_bois l'acier le_cuivre les_engrais \
    le_ciment le_tabac la_bière le_vin les_billets_de_train la_cantine les_médicaments \
    le_fioul le_poisson les_légumes les_fruits les_voitures_neuves les_vélos l'immobilier \
    les_assurances les_œufs le_beurre le_sucre le_riz le_cacao les_péages les_abonnements";
/// Counted things (plural): `+` feminine.
const COUNTED: &str = "emplois postes logements +places lits +classes arbres +lignes \
    +gares +agences vols trains bus visiteurs candidats +plaintes +signatures spectateurs \
    adhérents clients passagers abonnés +tonnes hectares kilomètres +communes +entreprises \
    +familles foyers élèves +exploitations commerces +boulangeries";
const REPORT_VERBS: &str = "déclaré affirmé regretté déploré martelé insisté ironisé lancé \
    tempéré nuancé résumé glissé confié commenté réagi prévenu tranché plaidé reconnu \
    souligné rappelé expliqué estimé ajouté dénoncé fustigé salué répondu raconté témoigné \
    assuré précisé indiqué jugé observé noté relevé annoncé averti";
const REPORT_PRESENT: &str = "explique souligne assure estime confie raconte résume poursuit \
    ajoute précise tempère déplore regrette prévient observe note insiste relève juge \
    reconnaît analyse détaille rappelle constate";
const REPORT_PLACES: &str = "à_la_presse devant_les_journalistes lors_d'un_point_presse \
    dans_un_communiqué dans_un_entretien sur_les_réseaux_sociaux à_la_radio \
    devant_le_conseil_municipal devant_les_élus après_la_séance dans_une_lettre \
    dans_un_courrier devant_le_tribunal à_l'audience";
const WEEKDAYS: &str = "lundi mardi mercredi jeudi vendredi samedi dimanche";
const MONTHS: &str = "janvier février mars avril mai juin juillet août septembre octobre \
    novembre décembre";
const SMALL: &str = "deux trois quatre cinq six sept huit dix douze quinze";

// ------------------------------------------------------------- forms

/// Gender and number of a subject.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Agr {
    fem: bool,
    pl: bool,
}

const MS: Agr = Agr {
    fem: false,
    pl: false,
};

struct Verb {
    inf: String,
    p3s: String,
    p3p: String,
    pp: String,
    fut: String,
    imp: String,
    /// Pronominal ("se mobiliser").
    pron: bool,
    tail: String,
}

/// Participle or adjective agreed with `a` (regular endings).
fn agree(w: &str, a: Agr) -> String {
    let mut s = w.to_string();
    if a.fem && !w.ends_with('e') {
        s.push('e');
    }
    if a.pl && !s.ends_with('s') && !s.ends_with('x') {
        s.push('s');
    }
    s
}

impl Verb {
    fn parse(spec: &str) -> Verb {
        let mut parts = spec.split('|');
        let head = parts.next().unwrap_or_default().replace('_', " ");
        let (pron, head) = if let Some(h) = head.strip_prefix("se ") {
            (true, h.to_string())
        } else if let Some(h) = head.strip_prefix("s'") {
            (true, h.to_string())
        } else {
            (false, head)
        };
        let (inf, tail) = match head.split_once(' ') {
            Some((b, t)) => (b.to_string(), t.to_string()),
            None => (head.clone(), String::new()),
        };
        let given: Vec<String> = parts.map(str::to_string).collect();
        let mut v = if given.len() == 5 {
            Verb {
                inf: inf.clone(),
                p3s: given[0].clone(),
                p3p: given[1].clone(),
                pp: given[2].clone(),
                fut: given[3].clone(),
                imp: given[4].clone(),
                pron,
                tail,
            }
        } else if let Some(stem) = inf.strip_suffix("ir*") {
            Verb {
                inf: format!("{stem}ir"),
                p3s: format!("{stem}it"),
                p3p: format!("{stem}issent"),
                pp: format!("{stem}i"),
                fut: format!("{stem}ir"),
                imp: format!("{stem}iss"),
                pron,
                tail,
            }
        } else if let Some(pre) = inf.strip_suffix("prendre") {
            Verb {
                inf: inf.clone(),
                p3s: format!("{pre}prend"),
                p3p: format!("{pre}prennent"),
                pp: format!("{pre}pris"),
                fut: format!("{pre}prendr"),
                imp: format!("{pre}pren"),
                pron,
                tail,
            }
        } else if let Some(stem) = inf.strip_suffix("re") {
            // -dre verbs: défendre, suspendre, vendre, attendre, répondre.
            Verb {
                inf: inf.clone(),
                p3s: stem.to_string(),
                p3p: format!("{stem}ent"),
                pp: format!("{stem}u"),
                fut: format!("{stem}r"),
                imp: stem.to_string(),
                pron,
                tail,
            }
        } else {
            let stem = inf.strip_suffix("er").unwrap_or(&inf).to_string();
            let imp = if stem.ends_with('g') {
                format!("{stem}e")
            } else if let Some(s) = stem.strip_suffix('c') {
                format!("{s}ç")
            } else {
                stem.clone()
            };
            Verb {
                inf: inf.clone(),
                p3s: format!("{stem}e"),
                p3p: format!("{stem}ent"),
                pp: format!("{stem}é"),
                fut: inf.clone(),
                imp,
                pron,
                tail,
            }
        };
        v.inf = v.inf.trim_end_matches('*').to_string();
        v
    }

    fn with_tail(&self, w: String) -> String {
        if self.tail.is_empty() {
            w
        } else {
            format!("{w} {}", self.tail)
        }
    }

    /// Infinitive, with its reflexive pronoun.
    fn infinitive(&self) -> String {
        let w = if self.pron {
            format!("se {}", self.inf)
        } else {
            self.inf.clone()
        };
        self.with_tail(w)
    }

    /// A simple tense; `neg` ("pas", "plus") makes it negative.
    fn finite(&self, sg: &str, pl: &str, a: Agr, neg: Option<&str>) -> String {
        let mut s = String::new();
        if neg.is_some() {
            add(&mut s, "ne");
        }
        if self.pron {
            add(&mut s, "se");
        }
        add(&mut s, if a.pl { pl } else { sg });
        if let Some(n) = neg {
            add(&mut s, n);
        }
        self.with_tail(s)
    }

    fn present(&self, a: Agr, neg: Option<&str>) -> String {
        self.finite(&self.p3s, &self.p3p, a, neg)
    }
    fn future(&self, a: Agr, neg: Option<&str>) -> String {
        self.finite(
            &format!("{}a", self.fut),
            &format!("{}ont", self.fut),
            a,
            neg,
        )
    }
    fn conditional(&self, a: Agr, neg: Option<&str>) -> String {
        self.finite(
            &format!("{}ait", self.fut),
            &format!("{}aient", self.fut),
            a,
            neg,
        )
    }
    fn imperfect(&self, a: Agr) -> String {
        self.finite(
            &format!("{}ait", self.imp),
            &format!("{}aient", self.imp),
            a,
            None,
        )
    }

    /// A compound tense: `aux` (a/ont, avait/avaient, ...) with `neg` and
    /// `adv` between auxiliary and participle.
    fn compound(&self, a: Agr, past: bool, neg: Option<&str>, adv: &str) -> String {
        let aux = match (self.pron, past, a.pl) {
            (false, false, false) => "a",
            (false, false, true) => "ont",
            (false, true, false) => "avait",
            (false, true, true) => "avaient",
            (true, false, false) => "se est",
            (true, false, true) => "se sont",
            (true, true, false) => "se était",
            (true, true, true) => "se étaient",
        };
        let pp = if self.pron {
            agree(&self.pp, a)
        } else {
            self.pp.clone()
        };
        let mut s = String::new();
        if let Some(n) = neg {
            add(&mut s, "ne");
            add(&mut s, aux);
            add(&mut s, n);
        } else {
            add(&mut s, aux);
        }
        add(&mut s, adv);
        add(&mut s, &pp);
        self.with_tail(s)
    }
}

fn verbs(s: &str) -> Vec<Verb> {
    let mut seen = std::collections::HashSet::new();
    s.split_whitespace()
        .filter(|v| seen.insert(v.split('|').next().unwrap_or_default().to_string()))
        .map(Verb::parse)
        .collect()
}

struct Noun {
    sg: String,
    pl: String,
    fem: bool,
    modifiable: bool,
}

fn plural(sg: &str) -> String {
    if let Some((head, rest)) = sg.split_once(' ') {
        // "ligne ferroviaire" style entries give their plural explicitly;
        // "X de Y" pluralises X only.
        return format!("{} {rest}", plural(head));
    }
    if sg.ends_with('s') || sg.ends_with('x') || sg.ends_with('z') {
        sg.to_string()
    } else if let Some(s) = sg.strip_suffix("al") {
        format!("{s}aux")
    } else if sg.ends_with("eau") || sg.ends_with("eu") {
        format!("{sg}x")
    } else {
        format!("{sg}s")
    }
}

fn nouns(s: &str) -> Vec<Noun> {
    s.split_whitespace()
        .map(|w| {
            let fem = w.contains('+');
            let modifiable = w.contains('*');
            let w = w.trim_start_matches(['+', '*']).replace('_', " ");
            let (sg, pl) = match w.split_once(':') {
                Some((a, b)) => (a.to_string(), b.to_string()),
                None => (w.clone(), plural(&w)),
            };
            Noun {
                sg,
                pl,
                fem,
                modifiable,
            }
        })
        .collect()
}

struct Adj {
    m: String,
    f: String,
    mp: String,
    fp: String,
    /// Masculine singular before a vowel (nouvel, vieil).
    mv: String,
    before: bool,
}

fn feminine(m: &str) -> String {
    if m.ends_with('e') {
        m.to_string()
    } else if let Some(s) = m.strip_suffix("eux") {
        format!("{s}euse")
    } else if let Some(s) = m.strip_suffix("if") {
        format!("{s}ive")
    } else if m.ends_with("el") || m.ends_with("en") || m.ends_with("on") || m.ends_with("eil") {
        format!("{m}{}e", m.chars().last().unwrap_or('e'))
    } else if let Some(s) = m.strip_suffix("er") {
        format!("{s}ère")
    } else {
        format!("{m}e")
    }
}

fn masc_plural(m: &str) -> String {
    if m.ends_with('s') || m.ends_with('x') {
        m.to_string()
    } else if let Some(s) = m.strip_suffix("al") {
        format!("{s}aux")
    } else if m.ends_with("eau") {
        format!("{m}x")
    } else {
        format!("{m}s")
    }
}

fn adjs(s: &str) -> Vec<Adj> {
    let mut seen = std::collections::HashSet::new();
    s.split_whitespace()
        .filter(|w| seen.insert(w.split(':').next().unwrap_or_default().to_string()))
        .map(|w| {
            let before = w.starts_with('<');
            let parts: Vec<String> = w
                .trim_start_matches('<')
                .split(':')
                .map(|p| p.replace('_', " "))
                .collect();
            let m = parts[0].clone();
            let f = parts.get(1).cloned().unwrap_or_else(|| feminine(&m));
            let mp = parts.get(2).cloned().unwrap_or_else(|| masc_plural(&m));
            let mv = parts.get(3).cloned().unwrap_or_else(|| m.clone());
            Adj {
                fp: format!("{f}s"),
                m,
                f,
                mp,
                mv,
                before,
            }
        })
        .collect()
}

impl Adj {
    fn form(&self, a: Agr) -> &str {
        match (a.fem, a.pl) {
            (false, false) => &self.m,
            (true, false) => &self.f,
            (false, true) => &self.mp,
            (true, true) => &self.fp,
        }
    }
}

/// A role title: (masculine, feminine).
fn gendered(s: &str) -> Vec<(String, String)> {
    s.split_whitespace()
        .map(|w| {
            let (m, f) = w.split_once(':').unwrap_or((w, w));
            (m.replace('_', " "), f.replace('_', " "))
        })
        .collect()
}

/// (word, feminine) lists marked with `+`.
fn marked(s: &str) -> Vec<(String, bool)> {
    s.split_whitespace()
        .map(|w| {
            (
                w.trim_start_matches('+').replace('_', " "),
                w.starts_with('+'),
            )
        })
        .collect()
}

fn add(s: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(piece);
}

const H_ASPIRE: &[&str] = &[
    "hauss",
    "haut",
    "hand",
    "hangar",
    "hall",
    "hameau",
    "handicap",
    "harc",
    "hasard",
    "hâte",
    "hock",
    "hont",
    "héros",
    "hiérarch",
    "hêtre",
    "hors",
    "huit",
    "hibou",
    "houl",
    "hurl",
    "hach",
];

fn vowel_start(w: &str) -> bool {
    let Some(c) = w.chars().next() else {
        return false;
    };
    match c.to_lowercase().next().unwrap_or(c) {
        'a' | 'à' | 'â' | 'ä' | 'e' | 'é' | 'è' | 'ê' | 'ë' | 'i' | 'î' | 'ï' | 'o' | 'ô' | 'ö'
        | 'u' | 'ù' | 'û' | 'ü' | 'œ' | 'æ' => true,
        'h' => {
            let lw = w.to_lowercase();
            !H_ASPIRE.iter().any(|p| lw.starts_with(p))
        }
        _ => false,
    }
}

/// `t` equals the lower-case word `w`, ignoring the case of its first letter.
fn is(t: &str, w: &str) -> bool {
    if t.len() != w.len() {
        return false;
    }
    let mut a = t.chars();
    let mut b = w.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) if x == y || x.to_lowercase().eq(std::iter::once(y)) => a.eq(b),
        _ => false,
    }
}

fn push_same_case(out: &mut String, model: &str, w: &str) {
    if model.starts_with(char::is_uppercase) {
        out.push_str(&super::capitalise(w));
    } else {
        out.push_str(w);
    }
}

/// Applies French contractions (de le → du, à les → aux) and elisions
/// (le accord → l'accord, de un → d'un, que il → qu'il, si il → s'il).
pub(super) fn tidy(s: &str) -> String {
    let toks: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
    // Contractions; the replacement keeps the case of the first word.
    let mut c: Vec<(&str, Option<&str>)> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if (is(t, "de") || is(t, "à")) && i + 1 < toks.len() {
            let de = is(t, "de");
            let n = toks[i + 1];
            let before_vowel = toks.get(i + 2).is_some_and(|a| vowel_start(a));
            let contracted = match n {
                "le" if !before_vowel => Some(if de { "du" } else { "au" }),
                "les" => Some(if de { "des" } else { "aux" }),
                "des" if de => Some("de"),
                _ => None,
            };
            if let Some(w) = contracted {
                c.push((t, Some(w)));
                i += 2;
                continue;
            }
        }
        c.push((t, None));
        i += 1;
    }
    // Elisions.
    let mut out = String::with_capacity(s.len());
    fn word<'a>(x: &(&'a str, Option<&'a str>)) -> &'a str {
        x.1.unwrap_or(x.0)
    }
    let mut i = 0;
    while i < c.len() {
        let (model, _) = c[i];
        let t = word(&c[i]);
        let next = c.get(i + 1).map(word);
        if !out.is_empty() {
            out.push(' ');
        }
        let stem = next.and_then(|n| {
            let mut buf = [0u8; 8];
            let low = if t.len() <= buf.len() && t.is_ascii() {
                for (b, c) in buf.iter_mut().zip(t.bytes()) {
                    *b = c.to_ascii_lowercase();
                }
                &buf[..t.len()]
            } else {
                &buf[..0]
            };
            match low {
                b"le" | b"la" => vowel_start(n).then_some("l"),
                b"de" => vowel_start(n).then_some("d"),
                b"que" => vowel_start(n).then_some("qu"),
                b"ne" => vowel_start(n).then_some("n"),
                b"se" => vowel_start(n).then_some("s"),
                b"je" => vowel_start(n).then_some("j"),
                b"jusque" => vowel_start(n).then_some("jusqu"),
                b"lorsque" => vowel_start(n).then_some("lorsqu"),
                b"puisque" => vowel_start(n).then_some("puisqu"),
                b"si" => (n == "il" || n == "ils").then_some("s"),
                b"ce" => (n == "est" || n == "était").then_some("c"),
                _ => None,
            }
        });
        match (stem, next) {
            (Some(st), Some(n)) => {
                push_same_case(&mut out, if c[i].1.is_some() { model } else { t }, st);
                out.push('\'');
                out.push_str(n);
                i += 2;
            }
            _ => {
                if c[i].1.is_some() {
                    push_same_case(&mut out, model, t);
                } else {
                    out.push_str(t);
                }
                i += 1;
            }
        }
    }
    out
}

/// A noun phrase with its agreement.
struct Np {
    text: String,
    a: Agr,
}

/// Modal and aspectual verbs before an infinitive: (singular, plural,
/// linking preposition).
const MODALS: &[(&str, &str, &str)] = &[
    ("doit", "doivent", ""),
    ("devrait", "devraient", ""),
    ("pourrait", "pourraient", ""),
    ("veut", "veulent", ""),
    ("souhaite", "souhaitent", ""),
    ("compte", "comptent", ""),
    ("entend", "entendent", ""),
    ("espère", "espèrent", ""),
    ("refuse", "refusent", "de"),
    ("a décidé", "ont décidé", "de"),
    ("a promis", "ont promis", "de"),
    ("menace", "menacent", "de"),
    ("a accepté", "ont accepté", "de"),
    ("tente", "tentent", "de"),
    ("se apprête", "se apprêtent", "à"),
    ("cherche", "cherchent", "à"),
    ("continue", "continuent", "de"),
    ("envisage", "envisagent", "de"),
    ("prévoit", "prévoient", "de"),
    ("propose", "proposent", "de"),
    ("a choisi", "ont choisi", "de"),
    ("a renoncé", "ont renoncé", "à"),
    ("hésite", "hésitent", "à"),
    ("tarde", "tardent", "à"),
    ("peine", "peinent", "à"),
    ("a fini par", "ont fini par", ""),
    ("a dû", "ont dû", ""),
    ("a pu", "ont pu", ""),
    ("devra", "devront", ""),
    ("pourra", "pourront", ""),
    ("voudrait", "voudraient", ""),
    ("aimerait", "aimeraient", ""),
    ("a annoncé vouloir", "ont annoncé vouloir", ""),
    ("dit vouloir", "disent vouloir", ""),
    ("risque", "risquent", "de"),
    ("a tenté", "ont tenté", "de"),
    ("vise", "visent", "à"),
    ("a commencé", "ont commencé", "à"),
    ("ne veut pas", "ne veulent pas", ""),
    ("ne peut pas", "ne peuvent pas", ""),
    ("ne compte pas", "ne comptent pas", ""),
    ("ne souhaite pas", "ne souhaitent pas", ""),
    ("ne entend pas", "ne entendent pas", ""),
    ("ne a pas pu", "ne ont pas pu", ""),
    ("ne a pas réussi", "ne ont pas réussi", "à"),
    ("ne parvient pas", "ne parviennent pas", "à"),
    ("ne exclut pas", "ne excluent pas", "de"),
    ("va", "vont", ""),
    ("vient", "viennent", "de"),
    ("allait", "allaient", ""),
    ("venait", "venaient", "de"),
    ("devait", "devaient", ""),
    ("pouvait", "pouvaient", ""),
];

/// Passive auxiliaries: (singular, plural).
const PASSIVES: &[(&str, &str)] = &[
    ("a été", "ont été"),
    ("a été", "ont été"),
    ("sera", "seront"),
    ("est", "sont"),
    ("devrait être", "devraient être"),
    ("pourrait être", "pourraient être"),
    ("va être", "vont être"),
    ("vient de être", "viennent de être"),
    ("avait été", "avaient été"),
    ("ne a pas été", "ne ont pas été"),
    ("a finalement été", "ont finalement été"),
    ("a déjà été", "ont déjà été"),
    ("doit être", "doivent être"),
    ("risque de être", "risquent de être"),
    ("serait", "seraient"),
    ("était", "étaient"),
    ("a été officiellement", "ont été officiellement"),
    ("ne sera pas", "ne seront pas"),
    ("a récemment été", "ont récemment été"),
    ("devra être", "devront être"),
];

/// Linking verbs: (singular, plural).
const COPULAS: &[(&str, &str)] = &[
    ("est", "sont"),
    ("était", "étaient"),
    ("reste", "restent"),
    ("restait", "restaient"),
    ("semble", "semblent"),
    ("paraît", "paraissent"),
    ("sera", "seront"),
    ("devient", "deviennent"),
    ("demeure", "demeurent"),
    ("a été", "ont été"),
    ("se annonce", "se annoncent"),
    ("se révèle", "se révèlent"),
    ("est désormais", "sont désormais"),
    ("est toujours", "sont toujours"),
    ("ne est pas", "ne sont pas"),
];

const MONEY_VERBS: &[(&str, &str)] = &[
    ("dépenser", "pour"),
    ("payer|paie|paient|payé|paier|pay", "pour"),
    ("investir*", "dans"),
    ("emprunter", "pour"),
    ("perdre", "dans"),
    ("débloquer", "pour"),
    ("consacrer", "à"),
    ("mobiliser", "pour"),
    ("recevoir|reçoit|reçoivent|reçu|recevr|recev", "pour"),
    ("allouer", "à"),
    ("économiser", "sur"),
    ("injecter", "dans"),
    ("engager", "pour"),
    ("réserver", "à"),
];
const THING_VERBS: &[(&str, u8)] = &[
    ("coûter", 0),
    ("concerner", 1),
    ("toucher", 1),
    ("prévoir|prévoit|prévoient|prévu|prévoir|prévoy", 2),
    ("comprendre", 2),
    ("nécessiter", 2),
    ("impliquer", 2),
    ("remplacer", 2),
    ("menacer", 3),
    ("créer", 3),
    ("attirer", 3),
    (
        "permettre_de_financer|permet|permettent|permis|permettr|permett",
        2,
    ),
    (
        "bénéficier_à|bénéficie|bénéficient|bénéficié|bénéficier|bénéfici",
        1,
    ),
    ("mobiliser", 1),
    ("supprimer", 3),
    ("rapporter", 0),
    ("représenter", 0),
    ("succéder_à|succède|succèdent|succédé|succéder|succéd", 2),
    ("viser", 1),
    ("pénaliser", 1),
];

/// French grammar and lexicon.
pub(super) struct Fr {
    first: Vec<String>,
    last: Vec<String>,
    things: Vec<Noun>,
    modifiable: Vec<usize>,
    modifiers: Vec<String>,
    groups: Vec<(String, bool)>,
    org_roles: Vec<(String, String)>,
    place_roles: Vec<(String, String)>,
    people_roles: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    org_kinds: Vec<(String, bool)>,
    company_kinds: Vec<(String, bool)>,
    bodies: Vec<(String, bool)>,
    topics: Vec<String>,
    adjs: Vec<Adj>,
    pre_adjs: Vec<usize>,
    post_adjs: Vec<usize>,
    advs: Vec<String>,
    past_advs: Vec<String>,
    front_advs: Vec<String>,
    subords: Vec<String>,
    verbs: Vec<Verb>,
    money_verbs: Vec<(Verb, &'static str)>,
    thing_verbs: Vec<(Verb, u8)>,
    change: Vec<Verb>,
    acts: Vec<Verb>,
    thing_acts: Vec<Verb>,
    think: Vec<Verb>,
    urge: Vec<(Verb, char)>,
    meet: Vec<Verb>,
    react: Vec<Verb>,
    reactions: Vec<String>,
    thing_preds: Vec<String>,
    eval_adjs: Vec<String>,
    eval_nouns: Vec<String>,
    mass: Vec<String>,
    measures: Vec<(String, bool)>,
    commodities: Vec<String>,
    counted: Vec<(String, bool)>,
    report_verbs: Vec<String>,
    report_present: Vec<String>,
    report_places: Vec<String>,
    weekdays: Vec<String>,
    months: Vec<String>,
    small: Vec<String>,
}

impl Fr {
    pub(super) fn new() -> Fr {
        let things = nouns(THINGS);
        let modifiable = (0..things.len())
            .filter(|&i| things[i].modifiable)
            .collect();
        let adjs = adjs(ADJS);
        let pre_adjs = (0..adjs.len()).filter(|&i| adjs[i].before).collect();
        let post_adjs = (0..adjs.len()).filter(|&i| !adjs[i].before).collect();
        let urge = URGE_VERBS
            .split_whitespace()
            .map(|w| {
                let (spec, k) = w.rsplit_once(':').unwrap_or((w, "A"));
                (Verb::parse(spec), k.chars().next().unwrap_or('A'))
            })
            .collect();
        Fr {
            first: list(FIRST),
            last: list(LAST),
            things,
            modifiable,
            modifiers: list(MODIFIERS),
            groups: marked(GROUPS),
            org_roles: gendered(ORG_ROLES),
            place_roles: gendered(PLACE_ROLES),
            people_roles: gendered(PEOPLE_ROLES),
            titles: gendered(TITLES),
            org_kinds: marked(ORG_KINDS),
            company_kinds: marked(COMPANY_KINDS),
            bodies: marked(BODIES),
            topics: list(TOPICS),
            adjs,
            pre_adjs,
            post_adjs,
            advs: list(ADVS),
            past_advs: list(PAST_ADVS),
            front_advs: list(FRONT_ADVS),
            subords: list(SUBORDS),
            verbs: verbs(VERBS),
            money_verbs: MONEY_VERBS
                .iter()
                .map(|&(v, k)| (Verb::parse(v), k))
                .collect(),
            thing_verbs: THING_VERBS
                .iter()
                .map(|&(v, k)| (Verb::parse(v), k))
                .collect(),
            change: verbs(CHANGE_VERBS),
            acts: verbs(ACT_VERBS),
            thing_acts: verbs(THING_ACTS),
            think: verbs(THINK_VERBS),
            urge,
            meet: verbs(MEET_VERBS),
            react: verbs(REACT_VERBS),
            reactions: list(REACTIONS),
            thing_preds: list(THING_PREDS),
            eval_adjs: list(EVAL_ADJS),
            eval_nouns: list(EVAL_NOUNS),
            mass: list(MASS),
            measures: marked(MEASURES),
            commodities: list(COMMODITIES),
            counted: marked(COUNTED),
            report_verbs: list(REPORT_VERBS),
            report_present: list(REPORT_PRESENT),
            report_places: list(REPORT_PLACES),
            weekdays: list(WEEKDAYS),
            months: list(MONTHS),
            small: list(SMALL),
        }
    }

    pub(super) fn random_word(&self, r: &mut Rng) -> &str {
        match r.below(4) {
            0 => &r.pick_ref(&self.things).sg,
            1 => &r.pick_ref(&self.adjs).m,
            2 => &r.pick_ref(&self.verbs).inf,
            _ => &r.pick_ref(&self.groups).0,
        }
    }

    pub(super) fn sentence(&self, r: &mut Rng) -> String {
        // Keep very short sentences rare: draw again a few times when a
        // draft has fewer than MIN_WORDS words or MIN_BYTES bytes, keeping
        // the longest.
        let mut s = self.draft(r);
        let mut words = super::word_count(&s);
        for _ in 0..5 {
            if s.len() >= super::MIN_BYTES && words >= super::MIN_WORDS {
                break;
            }
            let t = self.draft(r);
            let n = super::word_count(&t);
            if n > words || t.len() >= super::MIN_BYTES && n >= super::MIN_WORDS {
                (s, words) = (t, n);
            }
        }
        let s = finish(tidy(&s));
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            // News style does not open a sentence with a numeral.
            format!("Quelque {s}")
        } else {
            s
        }
    }

    /// A sentence before elision, capitals and final punctuation.
    fn draft(&self, r: &mut Rng) -> String {
        match r.weighted(&[24.0, 22.0, 13.0, 8.0, 10.0, 6.0, 3.0, 3.0, 6.0, 5.0]) {
            0 => self.s_plain(r),
            1 => self.s_reported(r),
            2 => self.s_quote(r),
            3 => self.s_compound(r),
            4 => self.s_subordinate(r),
            5 => self.s_relative(r),
            6 => self.s_there(r),
            7 => self.s_unclear(r),
            8 => self.s_figures(r),
            _ => self.s_short(r),
        }
    }

    // --------------------------------------------------------- words

    fn w<'a>(&self, r: &mut Rng, xs: &'a [String]) -> &'a str {
        r.pick_ref(xs).as_str()
    }

    fn small_num(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            self.w(r, &self.small).to_string()
        } else {
            r.range(2, 30).to_string()
        }
    }

    fn count(&self, r: &mut Rng) -> String {
        match r.below(5) {
            0 => r.range(2, 19).to_string(),
            1 => r.range(20, 99).to_string(),
            2 => r.range(100, 999).to_string(),
            3 => format!("{} {:03}", r.range(1, 99), r.below(1000)),
            _ => format!("{} {}00", r.range(1, 40), r.below(10)),
        }
    }

    fn approx(&self, r: &mut Rng) -> String {
        let q = [
            "",
            "",
            "",
            "près de ",
            "environ ",
            "plus de ",
            "quelque ",
            "moins de ",
            "au moins ",
            "pas moins de ",
            "un peu plus de ",
        ];
        format!("{}{}", r.pick(&q), self.count(r))
    }

    fn money(&self, r: &mut Rng) -> String {
        match r.below(6) {
            0 => format!("{} millions d'euros", r.range(2, 999)),
            1 => format!("{},{} millions d'euros", r.range(1, 99), r.range(1, 9)),
            2 => format!("{},{} milliards d'euros", r.range(1, 40), r.range(1, 9)),
            3 => format!("{} euros", r.range(15, 990)),
            4 => format!("{} 000 euros", r.range(10, 990)),
            _ => format!("{},{} M€", r.range(1, 90), r.range(1, 9)),
        }
    }

    fn pct(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            format!("{} %", r.range(1, 60))
        } else {
            format!("{},{} %", r.range(0, 30), r.range(1, 9))
        }
    }

    fn person(&self, r: &mut Rng) -> Person {
        person(r, &self.first, &self.last)
    }

    fn month_de(&self, r: &mut Rng) -> String {
        format!("de {}", self.w(r, &self.months))
    }

    fn time_adv(&self, r: &mut Rng) -> String {
        let day = self.w(r, &self.weekdays).to_string();
        match r.below(22) {
            0 | 1 => day,
            2 => format!("{day} {}", r.pick(&["matin", "soir", "après-midi"])),
            3 if r.chance(0.3) => {
                let i = self.weekdays.iter().position(|d| *d == day).unwrap_or(0);
                format!("dans la nuit de {day} à {}", self.weekdays[(i + 1) % 7])
            }
            3 => format!(
                "{} {day}",
                r.pick(&["dans la nuit de", "tôt", "tard", "dès", "jusqu'à", "depuis"])
            ),
            4 => format!("{day} dernier"),
            5 => r
                .pick(&[
                    "la semaine dernière",
                    "le mois dernier",
                    "l'an dernier",
                    "l'année dernière",
                    "cette semaine",
                    "ce mois-ci",
                    "cette année",
                    "la semaine prochaine",
                    "le mois prochain",
                    "l'an prochain",
                    "ce week-end",
                    "en fin de journée",
                    "dans la matinée",
                ])
                .to_string(),
            6 => format!("en {}", self.w(r, &self.months)),
            7 => format!("en {} {}", self.w(r, &self.months), year(r, 2015, 2026)),
            8 => format!("le {} {}", r.range(2, 28), self.w(r, &self.months)),
            9 => format!(
                "{} {}",
                r.pick(&["d'ici", "avant", "dès", "jusqu'à", "vers", "à partir de"]),
                match r.below(4) {
                    0 => format!("la fin {}", self.month_de(r)),
                    1 => r
                        .pick(&[
                            "la fin de l'année",
                            "l'été",
                            "la rentrée",
                            "l'automne prochain",
                            "le printemps",
                            "la fin du mandat",
                            "les vacances",
                            "le prochain budget"
                        ])
                        .to_string(),
                    2 => format!("le début {}", self.month_de(r)),
                    _ => year(r, 2024, 2035),
                }
            )
            .replace("jusqu'à le", "jusqu'au")
            .replace("à partir de le", "à partir du")
            .replace("jusqu'à les", "jusqu'aux")
            .replace("à partir de les", "à partir des"),
            10 => format!("depuis {}", year(r, 1995, 2023)),
            11 => format!(
                "il y a {} {}",
                self.small_num(r),
                r.pick(&["jours", "semaines", "mois", "ans"])
            ),
            12 => {
                let (u, fem) = r.pick(&[
                    ("jours", false),
                    ("semaines", true),
                    ("mois", false),
                    ("années", true),
                ]);
                format!(
                    "au cours des {} {} {u}",
                    self.small_num(r),
                    if fem { "dernières" } else { "derniers" }
                )
            }
            13 => format!(
                "dans {} {}",
                self.small_num(r),
                r.pick(&["jours", "semaines", "mois", "ans"])
            ),
            14 => format!("en {}", year(r, 1990, 2030)),
            15 => format!(
                "{} {}",
                r.pick(&["début", "fin", "mi-", "courant"]),
                self.w(r, &self.months)
            )
            .replace("mi- ", "mi-"),
            16 => r
                .pick(&[
                    "au printemps",
                    "cet été",
                    "cet automne",
                    "cet hiver",
                    "l'été dernier",
                    "au printemps prochain",
                    "à l'automne",
                    "avant l'été",
                    "à la rentrée",
                    "pendant les fêtes",
                ])
                .to_string(),
            17 => format!(
                "pour la {} fois {}",
                r.pick(&[
                    "première",
                    "deuxième",
                    "troisième",
                    "quatrième",
                    "cinquième"
                ]),
                match r.below(4) {
                    0 => format!("depuis {}", year(r, 1990, 2022)),
                    1 => format!("en {} ans", self.small_num(r)),
                    2 => r
                        .pick(&[
                            "cette année",
                            "ce mois-ci",
                            "cette saison",
                            "de suite",
                            "en un an"
                        ])
                        .to_string(),
                    _ => format!("depuis {} ans", self.small_num(r)),
                }
            ),
            18 => format!(
                "à partir de le {} {}",
                r.range(1, 28),
                self.w(r, &self.months)
            )
            .replace(" 1 ", " 1er "),
            19 => format!("jusqu'en {}", year(r, 2024, 2040)),
            20 => format!("depuis le début {}", self.month_de(r)),
            _ => format!(
                "{} la {} {}",
                r.pick(&["lors de", "pendant", "avant", "après"]),
                r.pick(&["réunion", "séance", "visite", "rencontre", "conférence"]),
                day
            ),
        }
    }

    fn place_adv(&self, r: &mut Rng) -> String {
        let p = place(r, LangCode::Fr);
        match r.below(13) {
            0..=3 => format!("à {p}"),
            4 => format!("près de {p}"),
            5 => format!("dans la région de {p}"),
            6 => format!("en périphérie de {p}"),
            7 => format!("dans le centre de {p}"),
            8 => r
                .pick(&[
                    "dans tout le département",
                    "dans toute la région",
                    "partout en France",
                    "dans le nord du pays",
                    "dans le sud du pays",
                    "sur tout le littoral",
                    "dans les zones rurales",
                ])
                .to_string(),
            9 => format!("sur le territoire de {p}"),
            10 => format!(
                "{} de {p}",
                r.pick(&["au nord", "au sud", "à l'est", "à l'ouest"])
            ),
            11 => {
                let (n, fem) = r.pick(&[
                    ("communes", true),
                    ("villages", false),
                    ("quartiers", false),
                    ("hameaux", false),
                ]);
                let q = if fem {
                    r.pick(&["plusieurs", "trois", "quelques", "deux", "certaines", "les"])
                } else {
                    r.pick(&["plusieurs", "trois", "quelques", "deux", "certains", "les"])
                };
                let near = if fem {
                    r.pick(&["autour de", "proches de", "voisines de", "situées près de"])
                } else {
                    r.pick(&["autour de", "proches de", "voisins de", "situés près de"])
                };
                format!("dans {q} {n} {near} {p}")
            }
            _ => format!("à la sortie de {p}"),
        }
    }

    fn reason_adv(&self, r: &mut Rng, depth: usize) -> String {
        let preps = [
            "en raison de",
            "à cause de",
            "malgré",
            "après",
            "suite à",
            "à la suite de",
            "face à",
            "en réponse à",
            "dans le cadre de",
            "en vue de",
            "à l'approche de",
            "grâce à",
            "sans",
            "dans l'attente de",
            "au lendemain de",
            "en marge de",
            "à l'issue de",
            "en dépit de",
            "faute de",
            "sur fond de",
        ];
        let p = r.pick(&preps);
        match p {
            "faute de" => format!(
                "faute de {}",
                r.pick(&[
                    "moyens",
                    "financement",
                    "candidats",
                    "personnel",
                    "accord",
                    "budget",
                    "volontaires"
                ])
            ),
            "sur fond de" => {
                let re = self.w(r, &self.reactions);
                let bare = ["la ", "le ", "l'", "des ", "une ", "un "]
                    .iter()
                    .find_map(|a| re.strip_prefix(a))
                    .unwrap_or(re);
                format!("sur fond de {bare}")
            }
            _ => format!("{p} {}", self.thing_np(r, depth + 1, false).text),
        }
    }

    fn end_adverbials(&self, r: &mut Rng, depth: usize) -> String {
        let mut s = String::new();
        let n = r.weighted(&[0.3, 0.45, 0.2, 0.05]);
        for _ in 0..n {
            let a = match r.below(7) {
                0..=2 => self.time_adv(r),
                3 | 4 => self.place_adv(r),
                5 => self.reason_adv(r, depth),
                _ => self.w(r, &self.advs).to_string(),
            };
            add(&mut s, &a);
        }
        s
    }

    fn front(&self, r: &mut Rng, depth: usize) -> String {
        match r.below(6) {
            0 | 1 => self.w(r, &self.front_advs).to_string(),
            2 => self.time_adv(r),
            3 => self.place_adv(r),
            4 => self.reason_adv(r, depth),
            _ => format!("{} {}", self.time_adv(r), self.place_adv(r)),
        }
    }

    // --------------------------------------------------------- noun phrases

    /// An organisation with its article, and its agreement.
    fn org(&self, r: &mut Rng) -> Np {
        let (text, fem, pl) = match r.below(14) {
            0..=3 => {
                let (k, fem) = r.pick_ref(&self.org_kinds);
                let det = if *fem { "la" } else { "le" };
                (
                    format!("{det} {k} de {}", place(r, LangCode::Fr)),
                    *fem,
                    false,
                )
            }
            4 => (
                format!("la mairie de {}", place(r, LangCode::Fr)),
                true,
                false,
            ),
            5 => (
                format!(
                    "le conseil {} de {}",
                    r.pick(&["municipal", "départemental", "communautaire", "régional"]),
                    place(r, LangCode::Fr)
                ),
                false,
                false,
            ),
            6 | 7 => {
                let (k, fem) = r.pick_ref(&self.company_kinds);
                let det = if *fem { "la" } else { "le" };
                (format!("{det} {k} {}", brand(r)), *fem, false)
            }
            8 => {
                let (b, fem) = r.pick_ref(&self.bodies);
                let det = if *fem { "la" } else { "le" };
                let t = self.w(r, &self.topics);
                let qual = if *fem {
                    r.pick(&["", " régionale", " nationale", " départementale"])
                } else {
                    r.pick(&["", " régional", " national", " départemental"])
                };
                (format!("{det} {b}{qual} de {t}"), *fem, false)
            }
            9 => (
                format!(
                    "la {} de {}",
                    r.pick(&[
                        "préfecture",
                        "gendarmerie",
                        "police municipale",
                        "sous-préfecture"
                    ]),
                    place(r, LangCode::Fr)
                ),
                true,
                false,
            ),
            10 => (
                format!(
                    "le {} de {}",
                    r.pick(&[
                        "tribunal administratif",
                        "tribunal judiciaire",
                        "parquet",
                        "commissariat"
                    ]),
                    place(r, LangCode::Fr)
                ),
                false,
                false,
            ),
            11 => {
                let (t, fem, pl) = r.pick(&[
                    ("le gouvernement", false, false),
                    ("l'opposition", true, false),
                    ("la majorité", true, false),
                    ("l'État", false, false),
                    ("la Cour des comptes", true, false),
                    ("le Conseil d'État", false, false),
                    ("les syndicats", false, true),
                    ("le patronat", false, false),
                    ("l'intersyndicale", true, false),
                    ("la région", true, false),
                    ("le département", false, false),
                ]);
                (t.to_string(), fem, pl)
            }
            12 => (
                format!(
                    "les {} de {}",
                    r.pick(&[
                        "pompiers",
                        "services municipaux",
                        "services techniques",
                        "élus",
                        "gendarmes",
                        "agents",
                        "habitants"
                    ]),
                    place(r, LangCode::Fr)
                ),
                false,
                true,
            ),
            _ => (
                format!(
                    "{} {}",
                    r.pick(&[
                        "l'université de",
                        "l'hôpital de",
                        "l'aéroport de",
                        "l'office HLM de",
                        "l'agglomération de"
                    ]),
                    place(r, LangCode::Fr)
                ),
                r.chance(0.3),
                false,
            ),
        };
        Np {
            text,
            a: Agr { fem, pl },
        }
    }

    /// A role without article, agreed with `fem`: "maire de Xville",
    /// "porte-parole de la mairie de Y".
    fn role_bare(&self, r: &mut Rng, fem: bool) -> String {
        let pick = |r: &mut Rng, xs: &[(String, String)]| {
            let (m, f) = r.pick_ref(xs);
            if fem {
                f.clone()
            } else {
                m.clone()
            }
        };
        let pre = if r.chance(0.2) {
            let (m, f) = r.pick(&[
                ("ancien", "ancienne"),
                ("nouveau", "nouvelle"),
                ("actuel", "actuelle"),
                ("futur", "future"),
            ]);
            format!("{} ", if fem { f } else { m })
        } else {
            String::new()
        };
        match r.below(8) {
            0 | 1 => format!(
                "{pre}{} de {}",
                pick(r, &self.place_roles),
                place(r, LangCode::Fr)
            ),
            2..=4 => format!("{pre}{} de {}", pick(r, &self.org_roles), self.org(r).text),
            5 => {
                let role = pick(r, &self.people_roles);
                let p = place(r, LangCode::Fr);
                match r.below(3) {
                    0 => format!("{role} à {p}"),
                    1 => format!("{role} de {p}"),
                    _ => format!(
                        "{role} {} à {p} depuis {} ans",
                        if fem { "installée" } else { "installé" },
                        self.small_num(r)
                    ),
                }
            }
            6 => format!("{pre}{} de {}", "ministre", self.w(r, &self.topics)),
            _ => format!(
                "{} {}",
                if fem { "élue" } else { "élu" },
                r.pick(&[
                    "d'opposition",
                    "de la majorité",
                    "écologiste",
                    "centriste",
                    "communiste",
                    "sans étiquette"
                ])
            ),
        }
    }

    /// A person as subject, and whether a woman. `comma`: close an
    /// apposition with a comma (a verb follows).
    fn human(&self, r: &mut Rng, comma: bool) -> (String, bool) {
        let p = self.person(r);
        let c = if comma { "," } else { "" };
        let s = match r.below(14) {
            0..=2 => p.full(),
            3..=5 => format!("{}, {}{c}", p.full(), self.role_bare(r, p.fem)),
            6 => {
                let role = self.role_bare(r, p.fem);
                let det = if r.chance(0.7) {
                    if p.fem {
                        "la"
                    } else {
                        "le"
                    }
                } else if p.fem {
                    "une"
                } else {
                    "un"
                };
                format!("{det} {role}, {}{c}", p.full())
            }
            7 => format!("{} {}", if p.fem { "Mme" } else { "M." }, p.last),
            8 | 9 => {
                let role = self.role_bare(r, p.fem);
                let det = match (p.fem, r.chance(0.6)) {
                    (false, true) => "le",
                    (true, true) => "la",
                    (false, false) => "un",
                    (true, false) => "une",
                };
                format!("{det} {role}")
            }
            10 => {
                let (m, f) = r.pick_ref(&self.titles);
                format!("{} {}", if p.fem { f } else { m }, p.full())
            }
            _ => {
                if comma {
                    (if p.fem { "elle" } else { "il" }).to_string()
                } else {
                    p.full()
                }
            }
        };
        (s, p.fem)
    }

    fn group(&self, r: &mut Rng) -> Np {
        let (g, fem) = r.pick_ref(&self.groups);
        let fem = *fem;
        let a = Agr { fem, pl: true };
        let adj = [
            ("en colère", "en colère"),
            ("mobilisés", "mobilisées"),
            ("inquiets", "inquiètes"),
            ("concernés", "concernées"),
            ("excédés", "excédées"),
            ("présents", "présentes"),
            ("syndiqués", "syndiquées"),
            ("réunis", "réunies"),
        ];
        let text = match r.below(11) {
            0..=2 => format!("les {g}"),
            3 => format!("de nombreux {g}")
                .replace("nombreux", if fem { "nombreuses" } else { "nombreux" }),
            4 => format!("quelque {} {g}", self.count(r)),
            5 => format!(
                "{} de {g}",
                r.pick(&[
                    "des centaines",
                    "des milliers",
                    "des dizaines",
                    "une centaine",
                    "une trentaine",
                    "une poignée"
                ])
            ),
            6 => format!("les {g} de {}", place(r, LangCode::Fr)),
            7 => {
                let (m, f) = r.pick(&adj);
                format!("des {g} {}", if fem { f } else { m })
            }
            8 => format!("{} {g} venus de {}", self.approx(r), place(r, LangCode::Fr))
                .replace("venus", if fem { "venues" } else { "venus" }),
            9 => format!("{} {g}", self.count(r)),
            _ => format!(
                "{} {g}",
                if fem {
                    r.pick(&[
                        "plusieurs",
                        "certaines",
                        "quelques",
                        "beaucoup de",
                        "la plupart des",
                    ])
                } else {
                    r.pick(&[
                        "plusieurs",
                        "certains",
                        "quelques",
                        "beaucoup de",
                        "la plupart des",
                    ])
                }
            ),
        };
        Np { text, a }
    }

    /// A noun phrase for a thing. `definite`: only with a definite article
    /// (for complements after "de").
    fn thing_np(&self, r: &mut Rng, depth: usize, definite: bool) -> Np {
        let (ni, modifier) = if r.chance(0.3) {
            (r.pick(&self.modifiable), true)
        } else {
            (r.below(self.things.len()), false)
        };
        let noun = &self.things[ni];
        let pl = r.chance(0.25);
        let a = Agr { fem: noun.fem, pl };
        let n = if pl { &noun.pl } else { &noun.sg };
        let pre = if r.chance(0.15) {
            Some(&self.adjs[r.pick(&self.pre_adjs)])
        } else {
            None
        };
        let post: Vec<&Adj> = (0..r.weighted(&[0.5, 0.42, 0.08]))
            .map(|_| &self.adjs[r.pick(&self.post_adjs)])
            .collect();
        // The word right after the determiner decides elision and cet/son.
        let first_vowel = match pre {
            Some(adj) => vowel_start(adj.form(a)),
            None => vowel_start(n),
        };
        let k = if definite {
            0
        } else if pl {
            r.weighted(&[35.0, 20.0, 6.0, 5.0, 5.0, 5.0, 5.0, 4.0, 4.0, 3.0])
        } else {
            r.weighted(&[45.0, 20.0, 8.0, 8.0, 4.0, 3.0])
        };
        let det: String = if pl {
            match k {
                0 => "les".into(),
                1 => if pre.is_some() { "de" } else { "des" }.into(),
                2 => "ces".into(),
                3 => "leurs".into(),
                4 => "ses".into(),
                5 => "plusieurs".into(),
                6 => self.w(r, &self.small).to_string(),
                7 => if noun.fem { "certaines" } else { "certains" }.into(),
                8 => if noun.fem {
                    "de nombreuses"
                } else {
                    "de nombreux"
                }
                .into(),
                _ => "quelques".into(),
            }
        } else {
            match k {
                0 => if noun.fem { "la" } else { "le" }.into(),
                1 => if noun.fem { "une" } else { "un" }.into(),
                2 => if noun.fem {
                    "cette"
                } else if first_vowel {
                    "cet"
                } else {
                    "ce"
                }
                .into(),
                3 => if noun.fem && !first_vowel {
                    "sa"
                } else {
                    "son"
                }
                .into(),
                4 => "leur".into(),
                _ => if noun.fem { "une autre" } else { "un autre" }.into(),
            }
        };
        let mut s = det;
        if let Some(adj) = pre {
            let w = if !a.fem && !a.pl && vowel_start(n) {
                &adj.mv
            } else {
                adj.form(a)
            };
            add(&mut s, w);
        }
        add(&mut s, n);
        if modifier {
            add(&mut s, "de");
            add(&mut s, self.w(r, &self.modifiers));
        }
        for adj in post {
            add(&mut s, adj.form(a));
        }
        if depth < 2 && r.chance(0.1) {
            // Coordination: "le pont et sa nouvelle rampe".
            let other = self.thing_np(r, 2, definite);
            add(&mut s, r.pick(&["et", "et", "ou", "ainsi que", "mais pas"]));
            add(&mut s, &other.text);
            return Np {
                text: s,
                a: Agr {
                    fem: a.fem && other.a.fem,
                    pl: true,
                },
            };
        }
        if depth < 2 && r.chance(0.35) {
            let post = match r.below(14) {
                0 => format!("de {}", place(r, LangCode::Fr)),
                1 => format!("à {}", place(r, LangCode::Fr)),
                2 => format!("de {}", self.money(r)),
                3 => format!("pour {}", self.group(r).text),
                4 => format!("sur {}", self.w(r, &self.topics)),
                5 => format!("contre {}", self.thing_np(r, depth + 1, false).text),
                6 => format!("de {}", self.org(r).text),
                7 => format!("avec {}", self.org(r).text),
                8 => format!("{} à {}", agree("prévu", a), place(r, LangCode::Fr)),
                9 => format!(
                    "{} {}",
                    agree(&r.pick_ref(&self.verbs).pp, a),
                    self.time_adv(r)
                ),
                10 => format!("{} par {}", agree("lancé", a), self.org(r).text),
                11 => format!("d'un montant de {}", self.money(r)),
                12 => format!("{} à {}", agree("destiné", a), self.group(r).text),
                _ => format!("entre {} et {}", self.org(r).text, self.org(r).text),
            };
            add(&mut s, &post);
        }
        Np { text: s, a }
    }

    fn measure(&self, r: &mut Rng) -> Np {
        let (m, fem) = r.pick_ref(&self.measures);
        let det = if *fem { "la" } else { "le" };
        let (text, a) = match r.below(6) {
            0 | 1 => (
                format!("{det} {m} de {}", self.w_group_bare(r)),
                Agr {
                    fem: *fem,
                    pl: false,
                },
            ),
            2 => (format!("le prix de {}", self.w(r, &self.commodities)), MS),
            3 => {
                let (t, pl) = r.pick(&[
                    ("les ventes", true),
                    ("les exportations", true),
                    ("les importations", true),
                    ("la consommation", false),
                    ("la production", false),
                ]);
                (
                    format!("{t} de {}", self.w(r, &self.commodities)),
                    Agr { fem: true, pl },
                )
            }
            4 => {
                let (t, fem, pl) = r.pick(&[
                    ("le chiffre d'affaires", false, false),
                    ("le bénéfice", false, false),
                    ("la fréquentation", true, false),
                    ("le trafic", false, false),
                    ("les effectifs", false, true),
                    ("la dette", true, false),
                ]);
                (format!("{t} de {}", self.org(r).text), Agr { fem, pl })
            }
            _ => {
                let (t, fem, pl) = r.pick(&[
                    ("l'inflation", true, false),
                    ("le chômage", false, false),
                    ("les prix de l'immobilier", false, true),
                    ("le taux de chômage", false, false),
                    ("la participation", true, false),
                    ("les délais d'attente", false, true),
                    ("les loyers", false, true),
                    ("les salaires", false, true),
                    ("la délinquance", true, false),
                    ("la production", true, false),
                ]);
                (t.to_string(), Agr { fem, pl })
            }
        };
        let text = if r.chance(0.35) {
            format!("{text} {}", self.place_adv(r))
        } else {
            text
        };
        Np { text, a }
    }

    fn w_group_bare(&self, r: &mut Rng) -> String {
        r.pick_ref(&self.groups).0.clone()
    }

    // --------------------------------------------------------- verbs

    /// A tensed active form of `v` agreeing with `a`.
    fn tensed(&self, r: &mut Rng, v: &Verb, a: Agr) -> String {
        let adv = |r: &mut Rng, past: bool| -> String {
            if !r.chance(0.28) {
                String::new()
            } else if past && r.chance(0.4) {
                self.w(r, &self.past_advs).to_string()
            } else if r.chance(0.5) {
                r.pick(SHORT_ADVS).to_string()
            } else {
                self.w(r, &self.advs).to_string()
            }
        };
        let after = |s: String, adv: String| {
            if adv.is_empty() {
                s
            } else {
                format!("{s} {adv}")
            }
        };
        match r.weighted(&[30.0, 10.0, 8.0, 5.0, 4.0, 3.0, 24.0, 4.0, 3.0, 2.0, 2.0]) {
            0 => {
                let ad = adv(r, true);
                v.compound(a, false, None, &ad)
            }
            1 => {
                let ad = adv(r, false);
                after(v.present(a, None), ad)
            }
            2 => {
                let ad = adv(r, false);
                after(v.future(a, None), ad)
            }
            3 => {
                let ad = adv(r, false);
                after(v.conditional(a, None), ad)
            }
            4 => {
                let ad = adv(r, false);
                after(v.imperfect(a), ad)
            }
            5 => {
                let ad = adv(r, true);
                v.compound(a, true, None, &ad)
            }
            6 => {
                let (sg, pl, link) = r.pick(MODALS);
                let mut s = (if a.pl { pl } else { sg }).to_string();
                add(&mut s, link);
                add(&mut s, &v.infinitive());
                s
            }
            7 => {
                let n = r.pick(&[
                    "pas",
                    "pas encore",
                    "toujours pas",
                    "jamais",
                    "pas vraiment",
                ]);
                v.compound(a, false, Some(n), "")
            }
            8 => {
                let n = r.pick(&["pas", "plus", "jamais", "toujours pas"]);
                v.present(a, Some(n))
            }
            9 => v.future(a, Some("pas")),
            _ => {
                let n = r.pick(&["pas", "plus", "jamais"]);
                v.conditional(a, Some(n))
            }
        }
    }

    fn copula(&self, r: &mut Rng, a: Agr) -> String {
        let (s, p) = r.pick(COPULAS);
        (if a.pl { p } else { s }).to_string()
    }

    fn agent(&self, r: &mut Rng) -> String {
        match r.below(4) {
            0 => self.human(r, false).0,
            1 | 2 => self.org(r).text,
            _ => self.group(r).text,
        }
    }

    /// A verb phrase for a human, organisation or group subject.
    fn vp_agent(&self, r: &mut Rng, a: Agr, depth: usize) -> String {
        let k = if depth >= 2 {
            r.weighted(&[60.0, 10.0, 8.0, 6.0, 0.0, 0.0, 10.0])
        } else {
            r.weighted(&[46.0, 10.0, 7.0, 8.0, 7.0, 8.0, 10.0])
        };
        match k {
            0 => {
                let v = r.pick_ref(&self.verbs);
                let mut s = self.tensed(r, v, a);
                add(&mut s, &self.thing_np(r, depth, false).text);
                if r.chance(0.12) {
                    let extra = match r.below(4) {
                        0 => format!("pour {}", self.group(r).text),
                        1 => format!("avec {}", self.org(r).text),
                        2 => format!("au nom de {}", self.group(r).text),
                        _ => format!("auprès de {}", self.org(r).text),
                    };
                    add(&mut s, &extra);
                }
                s
            }
            1 => {
                let v = r.pick_ref(&self.acts);
                let mut s = self.tensed(r, v, a);
                if r.chance(0.7) {
                    let c = match r.below(9) {
                        0 => format!("contre {}", self.thing_np(r, depth + 1, false).text),
                        1 => format!("pour {}", self.thing_np(r, depth + 1, false).text),
                        2 => format!("au sujet de {}", self.thing_np(r, depth + 1, true).text),
                        3 => format!("devant {}", self.org(r).text),
                        4 => format!("en soutien à {}", self.group(r).text),
                        5 => format!("pendant {} heures", self.small_num(r)),
                        6 => format!("dans les rues de {}", place(r, LangCode::Fr)),
                        7 => format!("à {}", place(r, LangCode::Fr)),
                        _ => format!("aux côtés de {}", self.group(r).text),
                    };
                    add(&mut s, &c);
                }
                s
            }
            2 => {
                let v = r.pick_ref(&self.meet);
                let mut s = self.tensed(r, v, a);
                let obj = if r.chance(0.5) {
                    self.human(r, false).0
                } else {
                    self.org(r).text
                };
                add(&mut s, &obj);
                if r.chance(0.5) {
                    let c = match r.below(4) {
                        0 => format!("sur {}", self.thing_np(r, depth + 1, false).text),
                        1 => format!("au sujet de {}", self.thing_np(r, depth + 1, true).text),
                        2 => format!("pour évoquer {}", self.thing_np(r, depth + 1, false).text),
                        _ => self.time_adv(r),
                    };
                    add(&mut s, &c);
                }
                s
            }
            3 => {
                let mut s = self.copula(r, a);
                let np = self.thing_np(r, depth + 1, false).text;
                let pred = match r.below(13) {
                    0 => format!("{} à {np}", agree("favorable", a)),
                    1 => format!("{} à {np}", agree("opposé", a)),
                    2 => format!("sous pression après {np}"),
                    3 => format!("en négociation avec {} sur {np}", self.org(r).text),
                    4 => format!("{} de {np}", agree("responsable", a)),
                    5 => format!("{} sur {np}", agree("divisé", a)),
                    6 => format!("{} envers {np}", agree("critique", a)),
                    7 => format!("{} sur {np}", agree("optimiste", a)),
                    8 => format!(
                        "{} pour {np}",
                        match (a.fem, a.pl) {
                            (false, false) => "inquiet",
                            (true, false) => "inquiète",
                            (false, true) => "inquiets",
                            (true, true) => "inquiètes",
                        }
                    ),
                    9 => format!("{} quant à {np}", agree("prudent", a)),
                    10 => {
                        let v = r.pick_ref(&self.verbs);
                        format!(
                            "{} à {} {np}",
                            agree(
                                r.pick(&["prêt", "déterminé", "décidé", "disposé", "résolu"]),
                                a
                            ),
                            v.infinitive()
                        )
                    }
                    11 => format!("en désaccord avec {} sur {np}", self.org(r).text),
                    _ => format!("à l'origine de {np}"),
                };
                add(&mut s, &pred);
                s
            }
            4 => {
                let (v, kind) = r.pick_ref(&self.urge);
                let mut s = self.tensed(r, v, a);
                let obj = if r.chance(0.5) {
                    self.group(r).text
                } else {
                    self.org(r).text
                };
                let inf = if r.chance(0.6) {
                    let v2 = r.pick_ref(&self.verbs);
                    format!(
                        "{} {}",
                        v2.infinitive(),
                        self.thing_np(r, depth + 1, false).text
                    )
                } else {
                    r.pick_ref(&self.acts).infinitive()
                };
                match kind {
                    'A' => add(&mut s, &format!("{obj} à {inf}")),
                    'B' => add(&mut s, &format!("à {obj} de {inf}")),
                    _ => add(&mut s, &format!("{obj} de {inf}")),
                }
                s
            }
            5 => {
                let v = r.pick_ref(&self.think);
                let mut s = self.tensed(r, v, a);
                add(&mut s, "que");
                add(&mut s, &self.clause(r, depth + 1));
                s
            }
            _ => {
                let (v, prep) = r.pick_ref(&self.money_verbs);
                let prep = *prep;
                let mut s = self.tensed(r, v, a);
                add(&mut s, &self.money(r));
                add(&mut s, prep);
                add(&mut s, &self.thing_np(r, depth + 1, false).text);
                s
            }
        }
    }

    /// A verb phrase for a thing subject.
    fn vp_thing(&self, r: &mut Rng, a: Agr, depth: usize) -> String {
        match r.weighted(&[40.0, 10.0, 22.0, 12.0, 12.0]) {
            0 => {
                let (sg, pl) = r.pick(PASSIVES);
                let mut s = (if a.pl { pl } else { sg }).to_string();
                let v = r.pick_ref(&self.verbs);
                add(&mut s, &agree(&v.pp, a));
                add(&mut s, &v.tail);
                if r.chance(0.35) {
                    add(&mut s, "par");
                    add(&mut s, &self.agent(r));
                }
                s
            }
            1 => {
                let mut s = self.copula(r, a);
                if r.chance(0.35) {
                    add(&mut s, r.pick(DEGREE));
                }
                let p = self.w(r, &self.thing_preds);
                let pred = if let Some(inv) = p.strip_prefix('=') {
                    inv.to_string()
                } else {
                    let parts: Vec<&str> = p.split(':').collect();
                    match (a.fem, a.pl, parts.len()) {
                        (false, false, _) => parts[0].to_string(),
                        (true, false, 3) => parts[1].to_string(),
                        (false, true, 3) => parts[2].to_string(),
                        (true, true, 3) => format!("{}s", parts[1]),
                        _ => agree(parts[0], a),
                    }
                };
                add(&mut s, &pred);
                s
            }
            2 => {
                let (v, kind) = r.pick_ref(&self.thing_verbs);
                let kind = *kind;
                let mut s = self.tensed(r, v, a);
                let obj = match kind {
                    0 => self.money(r),
                    1 => {
                        if r.chance(0.5) {
                            format!("{} {}", self.approx(r), r.pick_ref(&self.groups).0)
                        } else {
                            self.group(r).text
                        }
                    }
                    2 => self.thing_np(r, depth + 1, false).text,
                    _ => format!("{} {}", self.approx(r), r.pick_ref(&self.counted).0),
                };
                add(&mut s, &obj);
                s
            }
            3 => {
                let v = r.pick_ref(&self.react);
                let mut s = self.tensed(r, v, a);
                add(&mut s, self.w(r, &self.reactions));
                if r.chance(0.6) {
                    let c = match r.below(4) {
                        0 => format!("chez {}", self.group(r).text),
                        1 => format!("parmi {}", self.group(r).text),
                        2 => format!("au sein de {}", self.org(r).text),
                        _ => format!("à {}", place(r, LangCode::Fr)),
                    };
                    add(&mut s, &c);
                }
                s
            }
            _ => {
                let v = r.pick_ref(&self.thing_acts);
                self.tensed(r, v, a)
            }
        }
    }

    /// A full clause (no final punctuation).
    fn clause(&self, r: &mut Rng, depth: usize) -> String {
        let mut s = String::new();
        match r.weighted(&[28.0, 24.0, 14.0, 26.0, 8.0]) {
            0 => {
                let (h, fem) = self.human(r, true);
                add(&mut s, &h);
                add(&mut s, &self.vp_agent(r, Agr { fem, pl: false }, depth));
            }
            1 => {
                let o = self.org(r);
                add(&mut s, &o.text);
                add(&mut s, &self.vp_agent(r, o.a, depth));
            }
            2 => {
                let g = self.group(r);
                add(&mut s, &g.text);
                add(&mut s, &self.vp_agent(r, g.a, depth));
            }
            3 => {
                let np = self.thing_np(r, depth + 1, false);
                if r.chance(0.15) {
                    add(
                        &mut s,
                        match (np.a.fem, np.a.pl) {
                            (false, false) => "il",
                            (true, false) => "elle",
                            (false, true) => "ils",
                            (true, true) => "elles",
                        },
                    );
                } else {
                    add(&mut s, &np.text);
                }
                add(&mut s, &self.vp_thing(r, np.a, depth));
            }
            _ => {
                let m = self.measure(r);
                add(&mut s, &m.text);
                let v = r.pick_ref(&self.change);
                add(&mut s, &self.tensed(r, v, m.a));
                let c = match r.below(6) {
                    0 | 1 => format!("de {}", self.pct(r)),
                    2 => format!("à {}", self.approx(r)),
                    3 => format!("de {} à {}", self.count(r), self.count(r)),
                    4 => format!(
                        "pour {} {} consécutif",
                        r.pick(&[
                            "le troisième",
                            "le deuxième",
                            "le quatrième",
                            "le cinquième"
                        ]),
                        r.pick(&["mois", "trimestre", "semestre"])
                    ),
                    _ => String::new(),
                };
                add(&mut s, &c);
            }
        }
        if depth < 2 && r.chance(0.55) {
            add(&mut s, &self.end_adverbials(r, depth));
        }
        s
    }

    /// An attribution after the reported words: "a déclaré Jean Martin",
    /// "a-t-elle ajouté", "explique le maire de Xville".
    fn attribution_after(&self, r: &mut Rng) -> String {
        let (who, fem) = self.human(r, false);
        let pron = if fem { "elle" } else { "il" };
        match r.below(8) {
            0..=2 => format!("a {} {who}", self.w(r, &self.report_verbs)),
            3 => format!("a-t-{pron} {}", self.w(r, &self.report_verbs)),
            4 | 5 => format!("{} {who}", self.w(r, &self.report_present)),
            6 => {
                let v = self.w(r, &self.report_present);
                let t = if v.ends_with('e') || v.ends_with('a') {
                    "-t"
                } else {
                    ""
                };
                format!("{v}{t}-{pron}")
            }
            _ => format!(
                "a {} {who} {}",
                self.w(r, &self.report_verbs),
                self.w(r, &self.report_places)
            ),
        }
    }

    // --------------------------------------------------------- sentences

    fn s_plain(&self, r: &mut Rng) -> String {
        let mut s = String::new();
        if r.chance(0.35) {
            s = format!("{},", self.front(r, 0));
        }
        add(&mut s, &self.clause(r, 0));
        s
    }

    fn s_reported(&self, r: &mut Rng) -> String {
        match r.below(7) {
            0 | 1 => format!("{}, {}", self.clause(r, 1), self.attribution_after(r)),
            2 | 3 => {
                let v = r.pick_ref(&self.think);
                let (who, fem) = self.human(r, true);
                let verb = self.tensed(r, v, Agr { fem, pl: false });
                format!("{who} {verb} que {}", self.clause(r, 1))
            }
            4 => format!(
                "{} {}, {}",
                r.pick(&["Selon", "D'après", "Pour", "Aux yeux de"]),
                self.agent(r),
                self.clause(r, 1)
            ),
            5 => format!(
                "Dans {} {}, {} {} que {}",
                r.pick(&["un", "son", "leur"]),
                r.pick(&[
                    "communiqué",
                    "rapport",
                    "courrier",
                    "avis",
                    "entretien",
                    "arrêt"
                ]),
                self.org(r).text,
                r.pick(&[
                    "a indiqué",
                    "précise",
                    "affirme",
                    "a estimé",
                    "rappelle",
                    "souligne",
                    "annonce"
                ]),
                self.clause(r, 1)
            ),
            _ => {
                let o = self.org(r);
                let v = r.pick_ref(&self.think);
                let verb = self.tensed(r, v, o.a);
                format!("{} {verb} que {}", o.text, self.clause(r, 1))
            }
        }
    }

    fn quote_body(&self, r: &mut Rng) -> String {
        let inf = |r: &mut Rng| {
            let v = r.pick_ref(&self.verbs);
            format!("{} {}", v.infinitive(), self.thing_np(r, 1, false).text)
        };
        match r.below(11) {
            0 | 1 => {
                let aux = r.pick(&[
                    "nous allons",
                    "nous voulons",
                    "nous devons",
                    "nous ne pouvons pas",
                    "nous refusons de",
                    "nous comptons",
                    "nous sommes prêts à",
                    "nous souhaitons",
                    "nous continuerons à",
                    "nous avons décidé de",
                    "nous espérons",
                    "nous ne voulons pas",
                    "je veux",
                    "je vais",
                    "je ne peux pas",
                    "je souhaite",
                    "je refuse de",
                ]);
                format!("{aux} {}", inf(r))
            }
            2 => {
                let v = r.pick_ref(&self.verbs);
                let (aux, neg) = r.pick(&[
                    ("nous avons", ""),
                    ("nous ne avons pas", ""),
                    ("nous ne avons jamais", ""),
                    ("je ai", ""),
                    ("on a", ""),
                    ("ils ont", ""),
                    ("on ne a pas", ""),
                ]);
                format!("{aux}{neg} {} {}", v.pp, self.thing_np(r, 1, false).text)
            }
            3 => format!(
                "{} que {}",
                r.pick(&[
                    "je pense",
                    "je crois",
                    "je espère",
                    "je constate",
                    "on sait",
                    "tout le monde sait",
                    "je rappelle",
                    "on voit bien"
                ]),
                self.clause(r, 1)
            ),
            4 => {
                let adj = if r.chance(0.4) {
                    format!("{} {}", r.pick(DEGREE), self.w(r, &self.eval_adjs))
                } else {
                    self.w(r, &self.eval_adjs).to_string()
                };
                let be = r.pick(&[
                    "ce est",
                    "ce était",
                    "ce serait",
                    "ce ne est pas",
                    "ce est vraiment",
                    "ce est tout simplement",
                ]);
                let tail = match r.below(3) {
                    0 => format!(" pour {}", self.group(r).text),
                    1 => format!(" de {}", inf(r)),
                    _ => String::new(),
                };
                format!("{be} {adj}{tail}")
            }
            5 => format!(
                "{} {} pour {}",
                r.pick(&["ce est", "ce serait", "ce était"]),
                self.w(r, &self.eval_nouns),
                self.group(r).text
            ),
            6 => format!(
                "il {} {}",
                r.pick(&[
                    "faut",
                    "faudra",
                    "ne faut pas",
                    "aurait fallu",
                    "faut absolument"
                ]),
                inf(r)
            ),
            7 => format!(
                "il {} {} {}",
                r.pick(&[
                    "ne y a pas de",
                    "y a beaucoup de",
                    "manque de",
                    "ne y a plus de",
                    "y a trop peu de",
                    "faut plus de"
                ]),
                self.w(r, &self.mass),
                match r.below(3) {
                    0 => format!("pour {}", self.thing_np(r, 1, false).text),
                    1 => format!("à {}", place(r, LangCode::Fr)),
                    _ => String::new(),
                }
            )
            .replace("ne y", "n'y")
            .trim_end()
            .to_string(),
            8 => {
                let v = r.pick_ref(&self.verbs);
                let np = self.thing_np(r, 1, false);
                format!("{} {}", np.text, {
                    let (sg, pl) = r.pick(PASSIVES);
                    format!("{} {}", if np.a.pl { pl } else { sg }, agree(&v.pp, np.a))
                })
            }
            9 => {
                let v = r.pick_ref(&self.verbs);
                format!(
                    "on {} {}",
                    self.tensed(r, v, MS),
                    self.thing_np(r, 1, false).text
                )
            }
            _ => self.clause(r, 1),
        }
    }

    fn s_quote(&self, r: &mut Rng) -> String {
        let q = super::capitalise(&tidy(&self.quote_body(r)));
        match r.below(6) {
            0..=2 => format!("« {q} », {}", self.attribution_after(r)),
            3 => {
                let (who, _) = self.human(r, true);
                format!(
                    "{who} a {} : « {q}. »",
                    r.pick(&[
                        "déclaré",
                        "prévenu",
                        "résumé",
                        "lancé",
                        "tranché",
                        "insisté"
                    ])
                )
            }
            4 => format!(
                "« {q} », {}. « {}. »",
                self.attribution_after(r),
                super::capitalise(&tidy(&self.quote_body(r)))
            ),
            _ => format!(
                "Pour {}, « {} »",
                self.human(r, false).0,
                tidy(&self.quote_body(r))
            ),
        }
    }

    fn s_compound(&self, r: &mut Rng) -> String {
        let conj = r.pick(&[
            ", mais",
            " et",
            ", tandis que",
            ", alors que",
            ", et",
            " ; en revanche,",
            ", si bien que",
            ", or",
            " mais",
        ]);
        format!("{}{conj} {}", self.clause(r, 1), self.clause(r, 1))
    }

    fn s_subordinate(&self, r: &mut Rng) -> String {
        let sub = self.w(r, &self.subords);
        if r.chance(0.5) {
            format!(
                "{} {}, {}",
                super::capitalise(sub),
                self.clause(r, 1),
                self.clause(r, 1)
            )
        } else {
            format!("{} {sub} {}", self.clause(r, 1), self.clause(r, 1))
        }
    }

    fn s_relative(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            let np = self.thing_np(r, 1, false);
            let a = np.a;
            let rel = match r.below(4) {
                0 => format!("qui {}", self.vp_thing(r, a, 2)),
                1 => {
                    let v = r.pick_ref(&self.verbs);
                    format!("{} {}", agree(&v.pp, a), self.time_adv(r))
                }
                2 => format!(
                    "{} {}",
                    agree(
                        r.pick(&["proposé", "annoncé", "évoqué", "envisagé", "présenté"]),
                        a
                    ),
                    self.time_adv(r)
                ),
                _ => format!(
                    "dont {} {}",
                    r.pick(&[
                        "le coût",
                        "le montant",
                        "le calendrier",
                        "la portée",
                        "l'ampleur",
                        "le financement"
                    ]),
                    r.pick(&[
                        "reste flou",
                        "fait débat",
                        "inquiète",
                        "a doublé",
                        "pose question",
                        "reste à préciser"
                    ])
                ),
            };
            format!("{}, {rel}, {}", np.text, self.vp_thing(r, a, 1))
        } else {
            let p = self.person(r);
            let a = Agr {
                fem: p.fem,
                pl: false,
            };
            format!(
                "{}, qui {}, {}",
                p.full(),
                self.vp_agent(r, a, 2),
                self.vp_agent(r, a, 1)
            )
        }
    }

    fn s_there(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            let n = self.approx(r);
            let t = &r.pick_ref(&self.things).pl;
            format!(
                "{} {n} {t} {} {}",
                r.pick(&[
                    "On compte",
                    "On recensait",
                    "Il y a eu",
                    "Il y aura",
                    "On dénombre",
                    "Il y avait"
                ]),
                self.place_adv(r),
                self.time_adv(r)
            )
        } else {
            format!(
                "{} {} {}",
                r.pick(&["Il règne", "Il existe", "On observe", "On sent", "Il y a"]),
                self.w(r, &self.reactions),
                match r.below(3) {
                    0 => format!("autour de {}", self.thing_np(r, 1, false).text),
                    1 => format!(
                        "chez {} à propos de {}",
                        self.group(r).text,
                        self.thing_np(r, 1, true).text
                    ),
                    _ => format!("face à {}", self.thing_np(r, 1, false).text),
                }
            )
        }
    }

    fn s_unclear(&self, r: &mut Rng) -> String {
        format!(
            "{} {} {}",
            r.pick(&[
                "On ignore",
                "On ignore encore",
                "Reste à savoir",
                "Nul ne sait",
                "On ne sait pas",
                "On ne sait pas encore",
                "Il est trop tôt pour dire",
                "Personne ne sait",
                "Reste à déterminer",
                "Difficile de dire",
                "Nul ne peut dire",
                "On se demande"
            ]),
            r.pick(&["si", "quand", "comment", "pourquoi", "à quel point"]),
            self.clause(r, 1)
        )
    }

    fn s_figures(&self, r: &mut Rng) -> String {
        let v = r.pick_ref(&self.change);
        let mut s = String::new();
        if r.chance(0.3) {
            let (source, a) = r.pick(&[
                (
                    "les chiffres",
                    Agr {
                        fem: false,
                        pl: true,
                    },
                ),
                (
                    "les données",
                    Agr {
                        fem: true,
                        pl: true,
                    },
                ),
                (
                    "une étude",
                    Agr {
                        fem: true,
                        pl: false,
                    },
                ),
                (
                    "une enquête",
                    Agr {
                        fem: true,
                        pl: false,
                    },
                ),
                (
                    "les estimations",
                    Agr {
                        fem: true,
                        pl: true,
                    },
                ),
                ("un bilan", MS),
                ("le dernier relevé", MS),
                ("un rapport", MS),
                (
                    "les statistiques",
                    Agr {
                        fem: true,
                        pl: true,
                    },
                ),
                (
                    "une note",
                    Agr {
                        fem: true,
                        pl: false,
                    },
                ),
            ]);
            let by = match r.below(3) {
                0 => "de".to_string(),
                _ => format!(
                    "{} par",
                    agree(
                        r.pick(&[
                            "publié",
                            "réalisé",
                            "communiqué",
                            "diffusé",
                            "transmis",
                            "dévoilé",
                            "compilé"
                        ]),
                        a
                    )
                ),
            };
            let front = r.pick(&["Selon", "D'après", "À en croire"]);
            s = format!("{front} {source} {by} {},", self.org(r).text);
        }
        let m = self.measure(r);
        add(&mut s, &m.text);
        add(&mut s, &v.compound(m.a, false, None, ""));
        let c = match r.below(4) {
            0 | 1 => format!("de {}", self.pct(r)),
            2 => format!("à {}", self.approx(r)),
            _ => format!("de {} à {}", self.count(r), self.count(r)),
        };
        add(&mut s, &c);
        add(&mut s, &self.time_adv(r));
        if r.chance(0.4) {
            let tail = match r.below(3) {
                0 => format!(
                    "{} {} depuis {}",
                    r.pick(&[
                        "du jamais vu",
                        "une première",
                        "un record",
                        "le plus haut niveau",
                        "le plus bas niveau"
                    ]),
                    r.pick(&["", "", "dans le secteur", "pour la région"]),
                    year(r, 1990, 2022)
                ),
                1 => format!(
                    "contre {} {}",
                    self.pct(r),
                    r.pick(&[
                        "un an plus tôt",
                        "au trimestre précédent",
                        "l'an dernier",
                        "avant la crise"
                    ])
                ),
                _ => format!(
                    "{} {}",
                    r.pick(&["alors que", "tandis que", "et"]),
                    self.clause(r, 2)
                ),
            };
            s.push(',');
            add(&mut s, &tail);
        }
        s
    }

    fn s_short(&self, r: &mut Rng) -> String {
        let np = self.thing_np(r, 2, false);
        let v = r.pick_ref(&self.thing_acts);
        format!(
            "{} {} {}",
            np.text,
            self.tensed(r, v, np.a),
            self.time_adv(r)
        )
    }
}
