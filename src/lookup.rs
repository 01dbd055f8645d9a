//! The one actor or agreement a person's text names, for callers that act on it:
//! [`Dataset::resolve`] ranks every reading of a text, and these pick the reading
//! it certainly has, or say why there is none.

use crate::error::{Entity, Error, Result};
use crate::{Actor, Agreement, Dataset, HitKind, NameMatch};

impl Dataset {
    /// The one actor a text names: its id (`kr`), an ISO 3166-1 code (`KOR`, `410`),
    /// a Wikidata id (`Q884`), or a name, short name or alias in any stored language
    /// (`South Korea`, `ROK`, `대한민국`), as [`Dataset::resolve`] reads them.
    ///
    /// ```
    /// use pactum::Error;
    /// let data = pactum::Dataset::open()?;
    /// assert_eq!(data.actor_named("south korea")?.id, "kr");
    /// assert_eq!(data.actor_named("KOR")?.id, "kr");
    /// assert!(matches!(data.actor_named("Korea"), Err(Error::Ambiguous { .. })));
    /// match data.actor_named("Japn") {
    ///     Err(Error::NearMiss { suggestions, .. }) => assert_eq!(suggestions[0].id, "jp"),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// With [`Entity::Actor`](crate::Entity::Actor):
    /// [`Error::Ambiguous`](crate::Error::Ambiguous) if the text names several actors equally
    /// well ("Korea"), with the candidates; [`Error::NearMiss`](crate::Error::NearMiss) if it
    /// names none but comes close to some, with the nearest; otherwise
    /// [`Error::NotFound`](crate::Error::NotFound) if it names none.
    pub fn actor_named(&self, text: &str) -> Result<Actor> {
        let found = self.one_named(text, Some(HitKind::Actor), Entity::Actor)?;
        self.actor(&found.id)
    }

    /// The one agreement a text names: its id (`eu-japan-sdp`), its title or short
    /// title, or a title in another language (`日米ACSA`), as [`Dataset::resolve`]
    /// reads them.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// assert_eq!(data.agreement_named("日米ACSA")?.id, "japan-us-acsa");
    /// // Two agreements share the Japanese name of the Japan–Australia ACSA.
    /// assert!(matches!(data.agreement_named("日豪ACSA"), Err(pactum::Error::Ambiguous { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Dataset::actor_named`], with [`Entity::Agreement`](crate::Entity::Agreement).
    pub fn agreement_named(&self, text: &str) -> Result<Agreement> {
        let found = self.one_named(text, Some(HitKind::Agreement), Entity::Agreement)?;
        self.agreement(&found.id)
    }

    /// The one actor or agreement a text names, whichever it is: for questions
    /// both answer, such as a timeline.
    ///
    /// ```
    /// use pactum::HitKind;
    /// let data = pactum::Dataset::open()?;
    /// let treaty = data.named("russia-dprk-treaty-2024")?;
    /// assert_eq!((treaty.kind, treaty.id.as_str()), (HitKind::Agreement, "russia-dprk-treaty-2024"));
    /// assert_eq!(data.named("Japan")?.kind, HitKind::Actor);
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Dataset::actor_named`], with [`Entity::AgreementOrActor`](crate::Entity::AgreementOrActor).
    pub fn named(&self, text: &str) -> Result<NameMatch> {
        self.one_named(text, None, Entity::AgreementOrActor)
    }

    /// The best match of a kind (or of any kind), unless the text is ambiguous
    /// among that kind or names none of it.
    fn one_named(&self, text: &str, kind: Option<HitKind>, entity: Entity) -> Result<NameMatch> {
        let resolution = self.resolve(text)?;
        let best = match kind {
            Some(kind) => resolution.best_of(kind),
            None => resolution.best(),
        };
        if let Some(found) = best {
            return Ok(found.clone());
        }
        let of_kind = |m: &NameMatch| kind.is_none_or(|k| m.kind == k);
        let text = text.to_owned();
        let candidates: Vec<NameMatch> = resolution.matches.into_iter().filter(of_kind).collect();
        if !candidates.is_empty() {
            return Err(Error::Ambiguous { entity, text, candidates });
        }
        let suggestions: Vec<NameMatch> = resolution.suggestions.into_iter().filter(of_kind).collect();
        if !suggestions.is_empty() {
            return Err(Error::NearMiss { entity, text, suggestions });
        }
        Err(Error::NotFound { entity, id: text })
    }
}
