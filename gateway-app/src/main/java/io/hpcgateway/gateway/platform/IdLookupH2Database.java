package io.hpcgateway.gateway.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * The embedded server's databases, whose collections look documents up by {@code _id} first when a
 * query names its {@code _id} beside other conditions ({@code {_id: x, state: "leased"}}, or the
 * {@code $and} the driver's filters make of it). The server itself uses an index only for a query
 * of exactly the index's fields, and scans the collection otherwise: a conditional update of one
 * task read every task. The other conditions are still matched, against the documents found.
 */
final class IdLookupH2Database extends H2Database {

    /** The H2 backend's own map names, so that an existing data file opens unchanged. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String ID = "_id";

    /** The store while a database is constructed: the superclass opens its collections before this class's fields are set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private IdLookupH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static IdLookupH2Database open(String name, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new IdLookupH2Database(name, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVStore store = this.store != null ? this.store : OPENING.get();
        return new IdLookupCollection(this, collectionName, options, store.openMap(DATA_PREFIX + namespace),
                store.openMap(META_PREFIX + namespace), cursorRegistry);
    }

    private static final class IdLookupCollection extends H2Collection {

        IdLookupCollection(H2Database database, String name, CollectionOptions options,
                           org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
                           CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fields) {
            Object id = idCondition(query);
            if (id != null && query.size() + conjuncts(query) > 1) {
                Document byId = new Document(ID, id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fields);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }

        /** The query's condition on {@code _id}, at its top or in its top {@code $and}; null when it has none. */
        private static Object idCondition(Document query) {
            if (query.containsKey(ID)) {
                return query.get(ID);
            }
            if (query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document document && document.size() == 1 && document.containsKey(ID)) {
                        return document.get(ID);
                    }
                }
            }
            return null;
        }

        private static int conjuncts(Document query) {
            return query.get("$and") instanceof List<?> all ? all.size() : 0;
        }
    }
}
