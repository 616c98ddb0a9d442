package com.consultaion.adapter.persistence;

import com.consultaion.application.Consultaion;

/** Every store port one persistence adapter provides: the debate core's and the accounts'. */
public interface PersistenceStores extends Consultaion.Stores {

    AccountStores accounts();
}
